package jp.mynacard.jlis.ocsp;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ca.CertificateUsage.USER_AUTHENTICATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.RevocationReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL makes the requests and checks the answers, with no HTTP in between: the interoperability test. */
class OpensslOcspTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static OcspTestCentre centre;

    @TempDir
    Path dir;

    @BeforeAll
    static void centre() {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
        centre = new OcspTestCentre();
    }

    @Test
    void goodWithoutNonce() throws Exception {
        String out = roundTrip(USER_AUTHENTICATION, centre.issue(USER_AUTHENTICATION));
        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.contains("cert.pem: good"), out);
    }

    @Test
    void nonceIsEchoedAsOpensslChecksIt() throws Exception {
        write("ca.pem", centre.cas.get(SIGNATURE).certificate());
        write("cert.pem", centre.issue(SIGNATURE));
        openssl("ocsp", "-issuer", "ca.pem", "-cert", "cert.pem", "-reqout", "req.der", "-nonce");
        Files.write(dir.resolve("resp.der"), centre.responder.respond(Files.readAllBytes(dir.resolve("req.der"))));
        // without -cert, openssl checks against the request read back (with -cert it would build a new one, new nonce)
        String out = openssl("ocsp", "-reqin", "req.der", "-respin", "resp.der", "-CAfile", "ca.pem", "-resp_text");
        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.contains("Cert Status: good"), out);
        assertTrue(out.contains("OCSP Nonce"), out);
        // a missing nonce prints a WARNING, a different one "Nonce Verify error" and exit status 1
        assertTrue(!out.contains("WARNING") && !out.contains("Nonce Verify error"), out);
    }

    @Test
    void revokedForKeyCompromise() throws Exception {
        X509Certificate certificate = centre.issue(SIGNATURE);
        centre.registry.revoke(SIGNATURE, certificate.getSerialNumber(), RevocationReason.KEY_COMPROMISE,
                centre.clock.instant().minusSeconds(5), null);
        String out = roundTrip(SIGNATURE, certificate);
        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.contains("cert.pem: revoked"), out);
        assertTrue(out.contains("Reason: keyCompromise"), out);
    }

    @Test
    void suspendedIsCertificateHold() throws Exception {
        X509Certificate certificate = centre.issue(USER_AUTHENTICATION);
        centre.registry.suspend(USER_AUTHENTICATION, certificate.getSerialNumber(), centre.clock.instant().minusSeconds(5));
        String out = roundTrip(USER_AUTHENTICATION, certificate);
        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.contains("cert.pem: revoked"), out);
        assertTrue(out.contains("Reason: certificateHold"), out);
    }

    @Test
    void verifiesWithTheResponderCertificateGivenExplicitly() throws Exception {
        X509Certificate certificate = centre.issue(SIGNATURE);
        write("ca.pem", centre.cas.get(SIGNATURE).certificate());
        write("cert.pem", certificate);
        write("responder.pem", centre.responders.get(SIGNATURE).certificate());
        openssl("ocsp", "-issuer", "ca.pem", "-cert", "cert.pem", "-reqout", "req.der", "-no_nonce");
        Files.write(dir.resolve("resp.der"), centre.responder.respond(Files.readAllBytes(dir.resolve("req.der"))));
        String out = openssl("ocsp", "-respin", "resp.der", "-issuer", "ca.pem", "-cert", "cert.pem",
                "-CAfile", "ca.pem", "-VAfile", "responder.pem", "-resp_text");
        assertTrue(out.contains("Response verify OK"), out);
        assertTrue(out.contains("OCSP Signing"), out);
        assertTrue(out.contains("OCSP No Check"), out);
        assertTrue(out.contains("Responder Id: ") && !out.contains("Responder Id: C ="), "byKey, not byName: " + out);
    }

    private String roundTrip(CertificateUsage usage, X509Certificate certificate) throws Exception {
        write("ca.pem", centre.cas.get(usage).certificate());
        write("cert.pem", certificate);
        openssl("ocsp", "-issuer", "ca.pem", "-cert", "cert.pem", "-reqout", "req.der", "-no_nonce");
        Files.write(dir.resolve("resp.der"), centre.responder.respond(Files.readAllBytes(dir.resolve("req.der"))));
        return openssl("ocsp", "-respin", "resp.der", "-issuer", "ca.pem", "-cert", "cert.pem", "-CAfile", "ca.pem");
    }

    private void write(String name, X509Certificate certificate) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(dir.resolve(name), pem, StandardCharsets.US_ASCII);
    }

    private String openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl hung");
        assertEquals(0, process.exitValue(), () -> String.join(" ", command) + "\n" + out);
        return out;
    }
}
