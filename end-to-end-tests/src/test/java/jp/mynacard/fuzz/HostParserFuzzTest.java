package jp.mynacard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynacard.host.cms.CmsVerifier;
import jp.mynacard.host.kiosk.AuthenticationResponse;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.MalformedMessageException;
import jp.mynacard.host.revocation.CrlFormatException;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.CrlVerificationException;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.card.MalformedCardDataException;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.batch.BatchEntry;
import jp.mynacard.perso.batch.BatchFile;
import jp.mynacard.perso.batch.BatchFormatException;
import jp.mynacard.sim.VirtualCard;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parser fuzzing of the host side ({@link ParserFuzz}): mutated CRLs, OCSP responses, CMS
 * signatures, kiosk messages, card-data TLVs and personalization batch files, each made from
 * real ones (the test centre's CRLs and OCSP answers, a CMS over a centre-issued certificate,
 * an issued card's EFs). Every input is accepted or refused with the parser's own error.
 */
class HostParserFuzzTest {
    @TempDir
    Path dir;

    private static X509Certificate issue(Centre centre, KeyPair key, CertificateUsage usage) {
        return centre.administration().issue(usage, Holder.sample().basicAttributes(), LocalDate.now().plusYears(5), key.getPublic());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static byte[] get(URI uri) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), uri.toString());
        return response.body();
    }

    @Test
    void mutatedCrlsAreRefusedWithAFormatOrVerificationError() throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties("CRLs");
        Centre centre = VirtualCard.testCentre();
        for (int i = 0; i < 3; i++) {
            X509Certificate revoked = issue(centre, rsa(), CertificateUsage.USER_AUTHENTICATION);
            centre.administration().revoke(revoked.getSerialNumber(), Optional.empty(), RevocationReason.KEY_COMPROMISE, null);
        }
        X509Certificate ca = centre.administration().authorityCertificate("auth");
        List<byte[]> crls = List.of(get(centre.uri().resolve("crl/auth.crl")), get(centre.uri().resolve("crl/auth-delta.crl")));
        ParserFuzz.run("CrlIndex", run, crls, input -> CrlIndex.load(new ByteArrayInputStream(input), ca),
                List.of(CrlFormatException.class, CrlVerificationException.class, IOException.class));
    }

    @Test
    void mutatedOcspResponsesAreNeverBelieved() throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties("OCSP responses");
        Centre centre = VirtualCard.testCentre();
        X509Certificate good = issue(centre, rsa(), CertificateUsage.USER_AUTHENTICATION);
        X509Certificate revoked = issue(centre, rsa(), CertificateUsage.USER_AUTHENTICATION);
        centre.administration().revoke(revoked.getSerialNumber(), Optional.empty(), RevocationReason.KEY_COMPROMISE, null);
        AtomicReference<byte[]> served = new AtomicReference<>();
        List<byte[]> recorded = new ArrayList<>();
        HttpServer responder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responder.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            byte[] answer = served.get();
            if (answer == null) {
                // recording: the centre's own answer to this request
                try {
                    answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(centre.uri().resolve("ocsp"))
                            .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                recorded.add(answer);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        responder.start();
        try {
            // no nonce, so a recorded answer stays an answer to the next request; no CRL to fall back on
            CertificateValidator validator = CertificateValidator.builder().trustAnchors(List.of(centre.administration().authorityCertificate("auth")))
                    .ocspUrl(URI.create("http://127.0.0.1:" + responder.getAddress().getPort() + "/")).nonce(false).fetchCrls(false)
                    .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build();
            assertEquals(ValidationResult.Status.VALID, validator.validate(good).status());
            assertEquals(ValidationResult.Status.REVOKED, validator.validate(revoked).status());
            List<byte[]> samples = List.copyOf(recorded);
            List<String> believed = new ArrayList<>();
            ParserFuzz.run("OCSP responses (CertificateValidator)", run, samples, input -> {
                served.set(input);
                ValidationResult result = validator.validate(good);
                assertNotNull(result.describe());
                if (result.status() == ValidationResult.Status.VALID && samples.stream().noneMatch(s -> sameSignedOcsp(s, input))) {
                    believed.add(java.util.HexFormat.of().formatHex(input));
                }
            }, List.of());
            assertEquals(List.of(), believed, "mutated OCSP responses taken for a good answer; the samples: "
                    + samples.stream().map(java.util.HexFormat.of()::formatHex).toList() + run.replay());
        } finally {
            responder.stop(0);
        }
    }

    @Test
    void mutatedCmsSignaturesAreAnsweredWithAResultNeverAnException() throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties("CMS");
        Centre centre = VirtualCard.testCentre();
        KeyPair key = rsa();
        X509Certificate signer = issue(centre, key, CertificateUsage.SIGNATURE);
        X509Certificate ca = centre.administration().authorityCertificate("sign");
        byte[] content = "a document the holder signs".getBytes(StandardCharsets.UTF_8);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()), signer));
        generator.addCertificates(new JcaCertStore(List.of(signer)));
        byte[] attached = generator.generate(new CMSProcessableByteArray(content), true).getEncoded();
        byte[] detached = generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
        CmsVerifier verifier = new CmsVerifier(List.of(ca), false).at(Instant.now());
        assertTrue(verifier.verify(attached, null).valid(), verifier.verify(attached, null).reason());
        List<String> believed = new ArrayList<>();
        ParserFuzz.run("CmsVerifier", run, List.of(attached, detached), input -> {
            CmsVerifier.Result result = verifier.verify(input, java.util.Arrays.equals(input, detached) ? content : null);
            assertTrue(result.valid() || result.reason() != null && !result.reason().isBlank(), "a refusal says why");
            if (result.valid() && !sameSignedCms(attached, input) && !java.util.Arrays.equals(input, detached)) {
                believed.add(java.util.HexFormat.of().formatHex(input));
            }
        }, List.of());
        assertEquals(List.of(), believed, "mutated CMS signatures that verify; the sample: " + java.util.HexFormat.of().formatHex(attached) + run.replay());
    }

    /**
     * Whether a believed mutant says only what the responder signed: the same signed response data
     * and signature, the same certificates once decoded (a BER re-spelling inside one, a BOOLEAN TRUE
     * written 5C, decodes to the bytes the CA signed). Anything else believed would be a forgery.
     */
    private static boolean sameSignedOcsp(byte[] sample, byte[] mutant) {
        try {
            var a = (org.bouncycastle.cert.ocsp.BasicOCSPResp) new org.bouncycastle.cert.ocsp.OCSPResp(sample).getResponseObject();
            var b = (org.bouncycastle.cert.ocsp.BasicOCSPResp) new org.bouncycastle.cert.ocsp.OCSPResp(mutant).getResponseObject();
            if (!java.util.Arrays.equals(a.getTBSResponseData(), b.getTBSResponseData()) || !java.util.Arrays.equals(a.getSignature(), b.getSignature())
                    || a.getCerts().length != b.getCerts().length) {
                return false;
            }
            for (int i = 0; i < a.getCerts().length; i++) {
                if (!java.util.Arrays.equals(a.getCerts()[i].toASN1Structure().getEncoded("DER"), b.getCerts()[i].toASN1Structure().getEncoded("DER"))) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Whether a mutant that verifies carries what the signer signed: the same content, signed
     * attributes and signature value, the same certificates. What may differ is what CMS leaves
     * unsigned: the version, the list of digest algorithms, the case of the issuer name that finds
     * the certificate (names compare case-insensitively, RFC 5280 §7.1).
     */
    private static boolean sameSignedCms(byte[] sample, byte[] mutant) {
        try {
            var a = new org.bouncycastle.cms.CMSSignedData(sample);
            var b = new org.bouncycastle.cms.CMSSignedData(mutant);
            var signerA = a.getSignerInfos().getSigners().iterator().next();
            var signerB = b.getSignerInfos().getSigners().iterator().next();
            return java.util.Arrays.equals((byte[]) a.getSignedContent().getContent(), (byte[]) b.getSignedContent().getContent())
                    && java.util.Arrays.equals(signerA.getEncodedSignedAttributes(), signerB.getEncodedSignedAttributes())
                    && java.util.Arrays.equals(signerA.getSignature(), signerB.getSignature())
                    && a.getCertificates().getMatches(null).equals(b.getCertificates().getMatches(null));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void mutatedKioskMessagesAreRefusedAsMalformed() {
        FuzzRun run = FuzzRun.fromSystemProperties("kiosk messages");
        byte[] challenge = new Challenge("c-0001", "library-card", new byte[32], Instant.parse("2030-01-01T00:00:00Z")).toJson()
                .getBytes(StandardCharsets.UTF_8);
        byte[] response = new AuthenticationResponse("c-0001", new byte[300], new byte[256]).toJson().getBytes(StandardCharsets.UTF_8);
        ParserFuzz.run("Challenge.fromJson", run, List.of(challenge),
                input -> Challenge.fromJson(new String(input, StandardCharsets.UTF_8)), List.of(MalformedMessageException.class));
        ParserFuzz.run("AuthenticationResponse.fromJson", run, List.of(response),
                input -> AuthenticationResponse.fromJson(new String(input, StandardCharsets.UTF_8)), List.of(MalformedMessageException.class));
    }

    @Test
    void mutatedCardDataIsRefusedAsMalformed() {
        FuzzRun run = FuzzRun.fromSystemProperties("card-data TLVs");
        CardSnapshot card = CardSnapshot.read(VirtualCard.issue(Holder.sample())::transmit);
        // the files whose value is a sequence of TLVs (the My Number file's value is its 12 digits)
        List<byte[]> files = new ArrayList<>();
        for (String name : List.of("INPUT_HELPER/2", "INPUT_HELPER/3", "SURFACE/1", "SURFACE/2", "SURFACE/5")) {
            files.add(card.protectedFiles().get(name));
        }
        files.add(card.publicFiles().get("SURFACE/3"));
        ParserFuzz.run("BerTlv (card-face EFs)", run, files, HostParserFuzzTest::walk, List.of(MalformedCardDataException.class));
    }

    /** Parses the whole file as one element and every constructed element's children, as the card-face readers do. */
    private static void walk(byte[] file) {
        int outerTag = file.length >= 2 ? ((file[0] & 0xFF) << 8) | (file[1] & 0xFF) : -1;
        BerTlv whole = BerTlv.parseWhole(file, outerTag, "card file");
        for (BerTlv child : whole.children("card file")) {
            child.value();
        }
    }

    @Test
    void mutatedBatchFilesAreReadRowByRowOrRefusedWhole() throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties("batch files");
        String header = String.join(",", BatchFile.fieldNames());
        String row = "A-0001,番号　花子,東京都千代田区霞が関二丁目１番２号,1989-03-31,2034-03-31,131016,123456789018,5678,female,1234,ABCDEF12";
        String csvHeader = "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin";
        byte[] csv = (csvHeader + "\n" + row + "\n" + row.replace("A-0001", "A-0002").replace("123456789018", "000000000019") + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] jsonl = ("{\"application-id\":\"J-1\",\"name\":\"番号　花子\",\"birth-date\":\"1989-03-31\",\"sex\":\"female\","
                + "\"address\":\"東京都千代田区霞が関二丁目１番２号\",\"my-number\":\"123456789018\",\"card-expiry\":\"2034-03-31\","
                + "\"security-code\":\"5678\",\"municipality\":\"131016\",\"auth-pin\":\"1234\",\"sign-pin\":\"ABCDEF12\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(header.isEmpty());
        Path csvFile = dir.resolve("batch.csv");
        Path jsonlFile = dir.resolve("batch.jsonl");
        ParserFuzz.run("BatchFile (.csv)", run, List.of(csv), input -> readBatch(csvFile, input),
                List.of(BatchFormatException.class, java.nio.charset.CharacterCodingException.class));
        ParserFuzz.run("BatchFile (.jsonl)", run, List.of(jsonl), input -> readBatch(jsonlFile, input),
                List.of(BatchFormatException.class, java.nio.charset.CharacterCodingException.class));
    }

    private static void readBatch(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        try (BatchFile batch = BatchFile.open(file)) {
            while (batch.hasNext()) {
                BatchEntry entry = batch.next(); // a row, or a rejected row with its line and reason
                assertTrue(entry.line() > 0);
            }
        }
    }
}
