package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import jp.mynacard.testing.ExternalTool;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jpki/myna 0.5.1, the Go reader of the My Number card, which nobody here wrote, against
 * bin/vcard through pcscd and vpcd: every command of it that reads the card must show the sample
 * holder's card as it shows a real one. Built from third_party/ by bin/build-third-party-readers.
 *
 * <p>One card for the class: issuing one takes bin/vcard about ten seconds, and myna's reading
 * commands leave the card as they found it (a right PIN puts its counter back to its maximum).
 * The counters are checked first and the one test that spends a try runs last. Each myna run's
 * APDUs are cut into target/jpki-myna/flows/ (the golden traces of JpkiMynaFlowReplayTest come
 * from there).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JpkiMynaGoIT {
    private static final String AUTH_PIN = "1234";
    private static final String INPUT_HELPER_PIN = "1234";
    private static final String SIGN_PIN = "ABCDEF12";
    private static final String WRONG_PIN = "9999";
    private static final Holder HOLDER = Holder.sample();
    private static final String MY_NUMBER = HOLDER.myNumber().digits();
    private static final String ISSUER_AUTH = "C=JP/O=JPKI/OU=JPKI for user authentication"
            + "/OU=Japan Agency for Local Authority Information Systems";
    private static final String ISSUER_SIGN = "C=JP/O=JPKI/OU=JPKI for digital signature"
            + "/OU=Japan Agency for Local Authority Information Systems";
    /** Each PIN as pin status labels it, with its maximum tries (spec §3, §4, §5). */
    private static final Map<String, Integer> PIN_MAXIMA = orderedMap(
            "券面事項PIN(A)", 10, "券面事項PIN(B)", 10,
            "入力補助PIN", 3, "入力補助PIN(A)", 10, "入力補助PIN(B)", 10,
            "JPKI認証用PIN", 3, "JPKI署名用PIN", 5);
    private static final String INPUT_HELPER_PIN_LABEL = "入力補助PIN";
    private static final byte[] JPEG_2000_SIGNATURE = HexFormat.of().parseHex("0000000C6A5020200D0A870A");
    private static final String OID_SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String OID_SHA1 = "1.3.14.3.2.26";
    private static final Pattern TRIES_LEFT = Pattern.compile("(?m)^(.+?):\\tのこり\\s*(\\d+)回$");

    private static final JpkiMynaGo MYNA = JpkiMynaGo.released();
    private static VcardProcess vcard;
    private static FlowTraces traces;
    /** What the last myna run sent the card and what it answered, as the trace shows it. */
    private List<String> exchanges;

    @TempDir
    Path dir;

    @BeforeAll
    static void insertCard() throws Exception {
        traces = FlowTraces.in(Path.of("target", "jpki-myna"));
        vcard = VcardProcess.start("--trace", traces.cardTrace().toString());
    }

    @AfterAll
    static void removeCard() throws Exception {
        if (vcard == null) {
            return;
        }
        vcard.close();
        for (String line : vcard.output()) {
            assertFalse(line.contains(AUTH_PIN) || line.contains(SIGN_PIN), "bin/vcard printed a PIN: " + line);
        }
    }

    @Test
    @Order(1)
    void pinStatusShowsEveryCounterAtItsMaximum() throws Exception {
        assertEquals(PIN_MAXIMA, triesLeft(myna("pin-status", "pin", "status").requireSuccess().stdout()));
    }

    @Test
    void readerTestConnectsToTheCardInTheFirstReaderAndShowsItsAtr() throws Exception {
        String out = myna("test", "test").requireSuccess().stdout();
        assertTrue(out.contains("  Reader 0: " + vcard.readerName() + "\n"), out);
        assertTrue(out.contains("    STATE_PRESENT\n"), out);
        assertTrue(out.contains("SCardConnect: OK\n") && out.contains("SCardStatus: OK\n"), out);
        assertTrue(out.contains("  Atr: " + spaced(jp.mynacard.sim.CardAtr.CARD_2015.bytes()) + "\n"), out);
        assertTrue(out.contains("SCardReleaseContext: OK\n"), out);
        assertFalse(out.contains("NG "), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "authca", "sign", "signca"})
    void everyFormOfACertificateIsTheSameCertificate(String which) throws Exception {
        MynaCertificate certificate = readCertificate(which);
        assertEquals("SerialNumber: " + certificate.der().getSerialNumber(), certificate.textLine("SerialNumber"));
        assertEquals("Subject: " + goName(certificate.der().getSubjectX500Principal().getEncoded()),
                certificate.textLine("Subject"));
        assertEquals("Issuer: " + goName(certificate.der().getIssuerX500Principal().getEncoded()),
                certificate.textLine("Issuer"));
        assertArrayEquals(certificate.der().getEncoded(), pemBody(certificate.pem()), which + " -f pem is not -f der");
        RSAPublicKey key = (RSAPublicKey) certificate.der().getPublicKey();
        assertEquals(List.of(key.getPublicExponent(), key.getModulus()), sshRsaKey(certificate.ssh()), which + " -f ssh");
    }

    @Test
    void authenticationCertificateNamesNoOneAndChainsToTheCaMynaRead() throws Exception {
        MynaCertificate auth = readCertificate("auth");
        MynaCertificate ca = readCertificate("authca");
        assertTrue(auth.textLine("Subject").matches("Subject: C=JP/CN=[0-9A-F]{32}"), auth.text());
        assertEquals("Issuer: " + ISSUER_AUTH, auth.textLine("Issuer"));
        assertEquals("Subject: " + ISSUER_AUTH, ca.textLine("Subject"));
        assertFalse(auth.text().contains("Name:"), "the authentication certificate carries no personal data: " + auth.text());
        auth.der().verify(ca.der().getPublicKey());
        ca.der().verify(ca.der().getPublicKey());
    }

    @Test
    void signatureCertificateNamesTheHolderAndChainsToTheCaMynaRead() throws Exception {
        MynaCertificate sign = readCertificate("sign");
        MynaCertificate ca = readCertificate("signca");
        assertEquals("Name: " + HOLDER.name(), sign.textLine("Name"));
        assertEquals("Sex: 2", sign.textLine("Sex"));
        // the JPKI form: an era digit (4, Heisei) then the Gregorian date
        assertEquals("Birth: 419890331", sign.textLine("Birth"));
        assertEquals("Addr: " + HOLDER.address(), sign.textLine("Addr"));
        assertEquals("Issuer: " + ISSUER_SIGN, sign.textLine("Issuer"));
        assertEquals("Subject: " + ISSUER_SIGN, ca.textLine("Subject"));
        sign.der().verify(ca.der().getPublicKey());
        ca.der().verify(ca.der().getPublicKey());
    }

    /**
     * Upstream's issue #8, fixed after the release: 0.5.1's pinned go.mozilla.org/pkcs7 takes no
     * crypto.Signer, so {@code cms sign} stops before it asks the card to sign, on every card. What
     * it did ask, our card answered: the sign PIN verified and the certificate read.
     */
    @Test
    void releasedCmsSignStopsInItsPkcs7LibraryBeforeTheCardIsAskedToSign() throws Exception {
        Path content = content();
        Path signed = dir.resolve("signed.p7s");
        ExternalTool.Result result = myna("jpki-cms-sign", "jpki", "cms", "sign", "-p", SIGN_PIN,
                "-i", content.toString(), "-o", signed.toString());
        assertEquals(1, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("Error: pkcs7: cannot convert encryption algorithm to oid,"
                + " unknown private key type libmyna.JPKISignSigner"), result.all());
        assertFalse(Files.exists(signed), "no signature file");
        int verify = exchanges.indexOf("> 0020008008<pin>");
        assertTrue(verify >= 0 && exchanges.get(verify + 1).equals("< 9000"), "the sign PIN verified: " + exchanges);
        assertFalse(exchanges.stream().anyMatch(line -> line.startsWith("> 802A")), "COMPUTE DIGITAL SIGNATURE sent: " + exchanges);
    }

    /**
     * Signed by myna with upstream's fix (the card makes the signature), verified by the released
     * myna, by OpenSSL with the CA certificate myna read, and by BouncyCastle.
     */
    @ParameterizedTest
    @CsvSource({"sha256, attached", "sha256, detached", "default, attached", "default, detached"})
    void cmsSignatureOfTheCardVerifiesWithMynaOpenSslAndBouncyCastle(String digest, String form) throws Exception {
        Path content = content();
        Path signed = dir.resolve("signed.p7s");
        boolean detached = form.equals("detached");
        List<String> sign = new ArrayList<>(List.of("jpki", "cms", "sign", "-p", SIGN_PIN,
                "-i", content.toString(), "-o", signed.toString()));
        if (!digest.equals("default")) {
            sign.addAll(List.of("-m", digest));
        }
        if (detached) {
            sign.add("--detached");
        }
        String detachedFlow = detached ? "-detached" : "";
        run("jpki-cms-sign-" + (digest.equals("default") ? "sha1" : digest) + detachedFlow, JpkiMynaGo.withCmsFix(), null,
                sign.toArray(String[]::new)).requireSuccess();

        ExternalTool.Result verified = detached
                ? myna("jpki-cms-verify" + detachedFlow, "jpki", "cms", "verify", "--detached", "-c", content.toString(), signed.toString())
                : myna("jpki-cms-verify" + detachedFlow, "jpki", "cms", "verify", signed.toString());
        assertEquals("Verification successful\n", verified.requireSuccess().stdout());

        Path caPem = dir.resolve("signca.pem");
        Files.writeString(caPem, myna("jpki-cert-signca-pem", "jpki", "cert", "signca", "-f", "pem").requireSuccess().stdout());
        Path opened = dir.resolve("opened.txt");
        List<String> openssl = new ArrayList<>(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", signed.toString(), "-CAfile", caPem.toString(), "-out", opened.toString()));
        if (detached) {
            openssl.addAll(List.of("-content", content.toString()));
        }
        ExternalTool.Result byOpenSsl = ExternalTool.run(openssl.toArray(String[]::new));
        assertTrue(byOpenSsl.stderr().contains("Verification successful"), byOpenSsl.all());
        assertArrayEquals(Files.readAllBytes(content), Files.readAllBytes(opened), "the content OpenSSL verified");

        byte[] signature = Files.readAllBytes(signed);
        assertEquals(detached, new CMSSignedData(signature).getSignedContent() == null, "content attached or not");
        CMSSignedData cms = detached ? new CMSSignedData(new CMSProcessableByteArray(Files.readAllBytes(content)), signature)
                : new CMSSignedData(signature);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        // myna's default digest is SHA-1
        assertEquals(digest.equals("sha256") ? OID_SHA256 : OID_SHA1, signer.getDigestAlgOID());
        Path signCertificate = dir.resolve("sign.der");
        run("jpki-cert-sign", MYNA, signCertificate, "jpki", "cert", "sign", "-f", "der", "-p", SIGN_PIN).requireSuccess();
        X509Certificate signerCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(signCertificate)));
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCertificate)),
                "BouncyCastle verifies it with the signature certificate myna read");

        if (detached) {
            Files.writeString(content, "改ざん", StandardCharsets.UTF_8);
            ExternalTool.Result tampered = myna("jpki-cms-verify-tampered", "jpki", "cms", "verify", "--detached",
                    "-c", content.toString(), signed.toString());
            assertEquals(1, tampered.exitCode(), tampered.all());
            assertFalse(tampered.stdout().contains("Verification successful"), tampered.all());
        }
    }

    @Test
    void myNumberIsTheHolders() throws Exception {
        ExternalTool.Result result = myna("text-mynumber", "text", "mynumber", "-p", INPUT_HELPER_PIN).requireSuccess();
        assertEquals(MY_NUMBER + "\n", result.stdout());
    }

    @Test
    void fourAttributesAreTheHoldersInTextAndJson() throws Exception {
        String text = myna("text-attr", "text", "attr", "-p", INPUT_HELPER_PIN).requireSuccess().stdout();
        assertTrue(text.contains("氏名:     " + HOLDER.name() + "\n"), text);
        assertTrue(text.contains("住所:     " + HOLDER.address() + "\n"), text);
        assertTrue(text.contains("生年月日: 19890331\n"), text);
        assertTrue(text.contains("性別:     女性\n"), text);

        String json = myna("text-attr-json", "text", "attr", "-p", INPUT_HELPER_PIN, "-f", "json").requireSuccess().stdout();
        Map<String, String> fields = jsonStrings(json);
        assertEquals(HOLDER.name(), fields.get("name"), json);
        assertEquals(HOLDER.address(), fields.get("address"), json);
        assertEquals("19890331", fields.get("birth"), json);
        assertEquals("女性", fields.get("sex"), json);
    }

    /** EF 0003's digests are of the holder's data as the card holds it (spec §4, C3); the signature is the centre's. */
    @Test
    void textSignatureHashesTheHoldersNumberAndAttributes() throws Exception {
        String out = myna("text-signature", "text", "signature", "-p", INPUT_HELPER_PIN).requireSuccess().stdout();
        byte[] myNumberTlv = concat(HexFormat.of().parseHex("FF100C"), MY_NUMBER.getBytes(StandardCharsets.US_ASCII));
        byte[] attributeTlvs = concat(tlv(0xDF22, HOLDER.name().getBytes(StandardCharsets.UTF_8)),
                tlv(0xDF23, HOLDER.address().getBytes(StandardCharsets.UTF_8)),
                tlv(0xDF24, "19890331".getBytes(StandardCharsets.US_ASCII)),
                tlv(0xDF25, "2".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(out.contains("MyNumHash: " + sha256Hex(myNumberTlv) + "\n"), out);
        assertTrue(out.contains("AttrsHash: " + sha256Hex(attributeTlvs) + "\n"), out);
        assertTrue(out.matches("(?s).*Signature: [0-9A-F]{512}\n.*"), out);
    }

    /**
     * The real card's EF 0004 is a card-verifiable certificate, which myna reads as 568 bytes
     * holding {@code 7F 21} { {@code 5F 4E} ... }; a card that holds anything else fails here.
     */
    @Test
    void inputHelperCertificateIsACardVerifiableCertificate() throws Exception {
        ExternalTool.Result result = myna("text-cert", "text", "cert");
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.stdout().startsWith("cert: "), result.all());
    }

    @Test
    void inputHelperBasicInfoIsReadWithoutPin() throws Exception {
        String out = myna("text-info", "text", "info").requireSuccess().stdout();
        assertTrue(out.contains("APInfo: 01000000\n"), out);
        assertTrue(out.matches("(?s).*KeyID: [0-9A-F]{32}\n.*"), out);
        assertTrue(out.contains("Version: 1\nExtAPDU: 0\nVendor: 0\nOption: 0\n"), out);
    }

    /** myna reads the My Number with the input-helper PIN, then opens the card-surface AP with it (PIN-A). */
    @Test
    void facePhotoIsAJpeg2000Image() throws Exception {
        Path photo = dir.resolve("photo.jp2");
        myna("visual-photo", "visual", "photo", "-p", INPUT_HELPER_PIN, "-o", photo.toString()).requireSuccess();
        byte[] bytes = Files.readAllBytes(photo);
        assertArrayEquals(JPEG_2000_SIGNATURE, Arrays.copyOf(bytes, JPEG_2000_SIGNATURE.length), "the JP2 signature box");
        BufferedImage image = ImageIO.read(photo.toFile());
        assertNotNull(image, "the photo does not decode as JPEG 2000");
        assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void wrongInputHelperPinIsRefusedWithTheTriesLeftAndCostsOneTry() throws Exception {
        Map<String, Integer> before = triesLeft(myna("pin-status-before-wrong-pin", "pin", "status").requireSuccess().stdout());
        int left = before.get(INPUT_HELPER_PIN_LABEL) - 1;

        ExternalTool.Result wrong = myna("text-mynumber-wrong-pin", "text", "mynumber", "-p", WRONG_PIN);
        assertEquals(1, wrong.exitCode(), wrong.all());
        assertEquals("Error: 暗証番号が間違っています。のこり" + left + "回", lastLine(wrong.stderr()));
        assertFalse(wrong.stdout().contains(MY_NUMBER), wrong.all());

        Map<String, Integer> after = new LinkedHashMap<>(before);
        after.put(INPUT_HELPER_PIN_LABEL, left);
        assertEquals(after, triesLeft(myna("pin-status-after-wrong-pin", "pin", "status").requireSuccess().stdout()));
    }

    // ---- running myna ------------------------------------------------------------------------

    private ExternalTool.Result myna(String flow, String... arguments) throws Exception {
        return run(flow, MYNA, null, arguments);
    }

    /** Runs myna (its standard output also left in {@code stdout} unless null) and cuts what it sent the card into {@code flow}.apdu. */
    private ExternalTool.Result run(String flow, JpkiMynaGo myna, Path stdout, String... arguments) throws Exception {
        ExternalTool.Result result = stdout == null ? myna.run(arguments) : myna.run(stdout, arguments);
        // the temporary directory's name changes with every run: the trace names only the file
        String[] shown = Arrays.stream(arguments)
                .map(argument -> argument.startsWith(dir.toString()) ? Path.of(argument).getFileName().toString() : argument)
                .toArray(String[]::new);
        exchanges = traces.cut(flow, myna.shown(shown));
        return result;
    }

    private record MynaCertificate(String text, X509Certificate der, String pem, String ssh) {
        String textLine(String field) {
            return text.lines().filter(line -> line.startsWith(field + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + field + " in:\n" + text));
        }
    }

    /** One certificate in each of myna's forms (text goes to stderr: Go's println); the DER as OpenSSL and Java parse it. */
    private MynaCertificate readCertificate(String which) throws Exception {
        Map<String, ExternalTool.Result> forms = new LinkedHashMap<>();
        Path der = dir.resolve(which + ".der");
        for (String form : List.of("text", "der", "pem", "ssh")) {
            List<String> arguments = new ArrayList<>(List.of("jpki", "cert", which, "-f", form));
            if (which.equals("sign")) {
                arguments.addAll(List.of("-p", SIGN_PIN));
            }
            // the der run's flow is kept as the golden trace of reading that certificate
            String flow = "jpki-cert-" + which + (form.equals("der") ? "" : "-" + form);
            forms.put(form, run(flow, MYNA, form.equals("der") ? der : null, arguments.toArray(String[]::new)).requireSuccess());
        }
        ExternalTool.run("openssl", "x509", "-inform", "DER", "-in", der.toString(), "-noout").requireSuccess();
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(der)));
        return new MynaCertificate(forms.get("text").stderr(), certificate, forms.get("pem").stdout(), forms.get("ssh").stdout());
    }

    // ---- reading what it printed -------------------------------------------------------------

    private static Map<String, Integer> triesLeft(String pinStatus) {
        Map<String, Integer> tries = new LinkedHashMap<>();
        Matcher matcher = TRIES_LEFT.matcher(pinStatus);
        while (matcher.find()) {
            tries.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
        }
        return tries;
    }

    /** A name as myna prints it: the RDNs in their order, C/CN/L/O/OU by name, others by OID, joined by '/'. */
    private static String goName(byte[] encoded) {
        Map<String, String> short_ = Map.of("2.5.4.3", "CN", "2.5.4.6", "C", "2.5.4.7", "L", "2.5.4.10", "O", "2.5.4.11", "OU");
        List<String> parts = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(encoded).getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                String oid = value.getType().getId();
                parts.add(short_.getOrDefault(oid, oid) + "=" + ((ASN1String) value.getValue()).getString());
            }
        }
        return String.join("/", parts);
    }

    private static byte[] pemBody(String pem) {
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith("-----END CERTIFICATE-----\n"), pem);
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /**
     * The exponent and modulus of an {@code ssh-rsa} public key line (RFC 4253 §6.6), read as
     * unsigned: myna 0.5.1's encoding_ssh writes the modulus without the leading zero an mpint
     * needs when its top bit is set (always, for RSA-2048), so ssh-keygen refuses the line on any
     * card; the bytes are still the card's key.
     */
    private static List<BigInteger> sshRsaKey(String line) throws IOException {
        String[] fields = line.trim().split(" ");
        assertEquals("ssh-rsa", fields[0], line);
        DataInputStream blob = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(fields[1])));
        assertEquals("ssh-rsa", new String(field(blob), StandardCharsets.US_ASCII), line);
        return List.of(new BigInteger(1, field(blob)), new BigInteger(1, field(blob)));
    }

    private static byte[] field(DataInputStream blob) throws IOException {
        byte[] value = new byte[blob.readInt()];
        blob.readFully(value);
        return value;
    }

    private static Map<String, String> jsonStrings(String json) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken(), json);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                parser.nextToken();
                fields.put(name, parser.getText());
            }
        }
        return fields;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Path content() throws IOException {
        Path content = dir.resolve("todokede.txt");
        Files.writeString(content, "転入届 2026-11-23\n", StandardCharsets.UTF_8);
        return content;
    }

    private static String spaced(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    private static byte[] tlv(int tag, byte[] value) {
        return concat(new byte[] {(byte) (tag >> 8), (byte) tag, (byte) value.length}, value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static Map<String, Integer> orderedMap(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return map;
    }
}
