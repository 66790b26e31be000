package jp.mynacard.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.kiosk.HolderAuthenticator;
import jp.mynacard.host.kiosk.HolderVerifier;
import jp.mynacard.host.kiosk.Verdict;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreCertificateIssuer;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.jlis.crl.CrlProfile;
import jp.mynacard.jlis.crl.CrlSignerMode;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.myna.Myna;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A national CA's key rollover, made by the centre itself and judged by the relying parties'
 * tools: certificates of the signature CA issued before and after `jlis ca rollover`, good and
 * revoked, through `myna verify-cert` with either generation (or both, in either order) as the
 * anchor, the link certificates given in either order or not at all (then fetched from the
 * caIssuers the certificates and CRLs name), by OCSP and by CRLs alone; for every CRL profile the
 * centre offers (the CA key signing one CRL, a separate CRL signer over partitioned CRLs, an
 * indirect CRL). And the kiosk's verifier accepting cards of both generations and refusing a revoked one.
 */
class CaRolloverEndToEndTest {
    private static final LocalDate CARD_EXPIRY = LocalDate.of(2034, 3, 31);

    @TempDir
    Path dir;

    static Stream<Arguments> profiles() {
        return Stream.of(Arguments.of(CrlProfile.DEFAULT),
                Arguments.of(new CrlProfile(3, CrlSignerMode.SEPARATE, false)),
                Arguments.of(new CrlProfile(1, CrlSignerMode.CA, true)));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void signatureCertificatesOfBothGenerationsValidateFromEitherAnchorInAnyOrder(CrlProfile profile) throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir).withCrlProfile(profile))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            IssuedCertificate old = issue(client);
            IssuedCertificate oldRevoked = issue(client);
            assertEquals(2, client.rollover("sign").generation());
            IssuedCertificate fresh = issue(client);
            IssuedCertificate freshRevoked = issue(client);
            client.revoke(oldRevoked.serial(), "keyCompromise", "sign");
            client.revoke(freshRevoked.serial(), "keyCompromise", "sign");
            client.publishCrls();

            Path g1 = write("g1.pem", client.authorityCertificate("sign", 1, false));
            Path g2 = write("g2.pem", client.authorityCertificate("sign", 2, false));
            List<Path> links = splitPem(new String(client.linkCertificates("sign"), StandardCharsets.US_ASCII), "link");
            assertEquals(2, links.size());
            List<List<Path>> anchors = List.of(List.of(g1), List.of(g2), List.of(g1, g2), List.of(g2, g1));
            List<List<Path>> chains = List.of(List.of(), links, List.of(links.get(1), links.get(0)));
            Path[] certs = {pem("old", old), pem("old-revoked", oldRevoked), pem("new", fresh), pem("new-revoked", freshRevoked)};
            String[] expected = {"VALID", "REVOKED", "VALID", "REVOKED"};

            for (boolean ocsp : new boolean[] {true, false}) {
                for (List<Path> anchor : anchors) {
                    for (List<Path> chain : chains) {
                        for (int i = 0; i < certs.length; i++) {
                            String what = profile + (ocsp ? " OCSP" : " CRLs") + " anchors " + names(anchor) + " chain "
                                    + names(chain) + " " + certs[i].getFileName();
                            String out = verify(certs[i], anchor, chain, ocsp, expected[i].equals("VALID") ? 0 : 13, what);
                            assertTrue(out.contains("\"status\":\"" + expected[i] + "\""), what + ": " + out);
                            assertTrue(out.contains("\"source\":\"" + (ocsp ? "OCSP" : "CRL") + "\""), what + ": " + out);
                        }
                    }
                }
            }
            // through a link, the JPKI signature policy holds even when required explicitly with anyPolicy inhibited
            List<String> strict = List.of("--policy", "jpki-sign", "--require-explicit-policy", "--inhibit-any-policy");
            String kept = verify(certs[0], List.of(g2), links, true, 0, "policy through the link", strict);
            assertTrue(kept.contains("\"status\":\"VALID\""), kept);
            String other = verify(certs[2], List.of(g1), links, true, 13, "another policy",
                    List.of("--policy", "jpki-auth", "--require-explicit-policy"));
            assertTrue(other.contains("\"status\":\"POLICY_NOT_ACCEPTED\""), other);
        }
    }

    @Test
    void theKioskAcceptsCardsOfBothGenerationsAndRefusesARevokedOne() throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir)
                .withCrlProfile(new CrlProfile(2, CrlSignerMode.SEPARATE, false)))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            VirtualCard before = VirtualCard.issue(Holder.sample(), JpkiPins.sample(), new CentreCertificateIssuer(client));
            client.rollover("auth");
            VirtualCard after = VirtualCard.issue(Holder.sample(), JpkiPins.sample(), new CentreCertificateIssuer(client));

            for (boolean ocsp : new boolean[] {true, false}) {
                AuthenticationCa ca = AuthenticationCa.fromCentre(centre.uri());
                assertEquals(2, ca.anchors().size());
                HolderVerifier verifier = new HolderVerifier("千代田区 証明書交付", CertificateValidator.builder()
                        .trustAnchors(ca.anchors()).intermediates(ca.links()).ocsp(ocsp).build());
                for (VirtualCard card : List.of(before, after)) {
                    Verdict verdict = authenticate(verifier, card);
                    Verdict.Accepted accepted = assertInstanceOf(Verdict.Accepted.class, verdict, () -> describe(verdict));
                    assertEquals(ocsp ? ValidationResult.OCSP : ValidationResult.CRL, accepted.validation().source());
                }
            }
            centre.administration().revoke(certificate(before).getSerialNumber(), Optional.empty(),
                    RevocationReason.KEY_COMPROMISE, null);
            client.publishCrls();
            AuthenticationCa ca = AuthenticationCa.fromCentre(centre.uri());
            for (boolean ocsp : new boolean[] {true, false}) {
                HolderVerifier verifier = new HolderVerifier("svc", CertificateValidator.builder()
                        .trustAnchors(ca.anchors()).intermediates(ca.links()).ocsp(ocsp).build());
                Verdict verdict = authenticate(verifier, before);
                Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class, verdict, () -> describe(verdict));
                assertEquals(ValidationResult.Status.REVOKED, refused.refusal().validation().orElseThrow().status());
                assertInstanceOf(Verdict.Accepted.class, authenticate(verifier, after));
            }
        }
    }

    private static Verdict authenticate(HolderVerifier verifier, VirtualCard card) {
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            return verifier.verify(new HolderAuthenticator(jpki).respond(verifier.challenge(), "1234".toCharArray()).toJson());
        }
    }

    private static X509Certificate certificate(VirtualCard card) {
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            return new HolderAuthenticator(jpki).certificate();
        }
    }

    private static String describe(Verdict verdict) {
        return verdict instanceof Verdict.Refused r ? r.refusal().clerkMessage()
                + r.refusal().validation().map(v -> " — " + v.describe() + " " + v.notes()).orElse("") : "accepted";
    }

    private String verify(Path cert, List<Path> anchors, List<Path> chain, boolean ocsp, int exit, String what) {
        return verify(cert, anchors, chain, ocsp, exit, what, List.of());
    }

    private String verify(Path cert, List<Path> anchors, List<Path> chain, boolean ocsp, int exit, String what,
                          List<String> options) {
        List<String> args = new ArrayList<>(List.of("verify-cert", "--json", "--cert", cert.toString()));
        args.addAll(options);
        anchors.forEach(a -> args.addAll(List.of("--trust", a.toString())));
        chain.forEach(c -> args.addAll(List.of("--chain", c.toString())));
        args.add(ocsp ? "--ocsp" : "--no-ocsp");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Myna.commandLine(new Myna(() -> {
            throw new AssertionError("verify-cert needs no card");
        }));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args.toArray(new String[0]));
        assertEquals(exit, code, what + ": " + out + err);
        return out.toString();
    }

    private static IssuedCertificate issue(CentreClient client) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PublicKey key = generator.generateKeyPair().getPublic();
        return client.issue("sign", key, Holder.sample().basicAttributes(), CARD_EXPIRY);
    }

    private Path pem(String name, IssuedCertificate certificate) throws Exception {
        return Files.writeString(dir.resolve(name + ".pem"), certificate.certificatePem(), StandardCharsets.US_ASCII);
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    /** One file per certificate of a PEM bundle. */
    private List<Path> splitPem(String bundle, String stem) throws Exception {
        List<Path> files = new ArrayList<>();
        String end = "-----END CERTIFICATE-----";
        int from = 0;
        for (int at = bundle.indexOf(end, from); at >= 0; at = bundle.indexOf(end, from)) {
            files.add(Files.writeString(dir.resolve(stem + files.size() + ".pem"), bundle.substring(from, at + end.length()) + "\n"));
            from = at + end.length();
        }
        return files;
    }

    private static String names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList().toString();
    }
}
