package jp.mynacard.myna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.host.trust.CaGeneration;
import jp.mynacard.host.trust.JpkiPolicy;
import jp.mynacard.host.trust.TestPki;
import jp.mynacard.host.trust.ValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCertCommandTest {
    @TempDir
    static Path dir;

    static final String AT = TestPki.NOW.toString();
    static final String REVOKED_AT = "2026-05-01T00:00:00Z";
    static Path ca;
    static Path good;
    static Path revoked;
    static Path crl;
    static Path signCa;
    static Path signCert;

    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void setUp() throws Exception {
        TestPki pki = new TestPki("Test CA");
        ca = pem(dir.resolve("ca.pem"), pki.ca);
        good = Files.write(dir.resolve("good.der"), pki.issue(10, "Good").getEncoded()); // DER works too
        revoked = pem(dir.resolve("revoked.pem"), pki.issue(11, "Revoked"));
        crl = pki.crl(dir.resolve("ca.crl"), TestPki.NOW.plusSeconds(86400),
                Map.of(11L, org.bouncycastle.asn1.x509.CRLReason.keyCompromise), java.time.Instant.parse(REVOKED_AT));
        CaGeneration sign = new CaGeneration("CN=Test Sign CA,O=Test,C=JP");
        signCa = pem(dir.resolve("sign-ca.pem"), sign.ca);
        signCert = pem(dir.resolve("sign.pem"), sign.holder("Signer", JpkiPolicy.SIGNATURE.oid(), null));
    }

    private static Path pem(Path file, X509Certificate cert) throws Exception {
        return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Myna.commandLine(new Myna(() -> {
            throw new AssertionError("verify-cert needs no card");
        }));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void validWithCrl() {
        int code = run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(), "--crl", crl.toString(),
                "--no-ocsp", "--at", AT);
        assertEquals(0, code, out + " / " + err);
        assertTrue(out.toString().contains("is valid (revocation checked by CRL)"), out.toString());
    }

    @Test
    void explicitOcspWithoutAiaFallsBackToCrl() {
        assertEquals(0, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(), "--crl", crl.toString(),
                "--ocsp", "--at", AT), out + " / " + err);
        assertEquals(ExitCode.NOT_VALID.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--ocsp", "--at", AT, "--json"));
        assertTrue(out.toString().contains("\"status\":\"REVOCATION_UNAVAILABLE\""), out.toString());
        assertTrue(out.toString().contains("OCSP: "), out.toString());
    }

    @Test
    void revokedJson() {
        int code = run("verify-cert", "--cert", revoked.toString(), "--trust", ca.toString(), "--crl", crl.toString(),
                "--no-ocsp", "--at", AT, "--json");
        assertEquals(ExitCode.NOT_VALID.code, code, out + " / " + err);
        String json = out.toString().trim();
        assertTrue(json.startsWith("{\"valid\":false,\"status\":\"REVOKED\","), json);
        assertTrue(json.contains("\"revocationDate\":\"" + REVOKED_AT + "\""), json);
        assertTrue(json.contains("\"reason\":\"KEY_COMPROMISE\""), json);
        assertTrue(json.contains("\"source\":\"CRL\""), json);
        assertTrue(json.endsWith("}") && !json.contains("\n"), json);
    }

    @Test
    void noRevocationSourceFailsClosedUnlessSoftFail() {
        assertEquals(ExitCode.NOT_VALID.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--no-ocsp", "--at", AT));
        assertTrue(out.toString().contains("revocation status is unavailable"), out.toString());
        assertEquals(0, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--no-ocsp", "--at", AT, "--soft-fail", "--json"));
        assertTrue(out.toString().contains("\"source\":\"none (soft-fail)\""), out.toString());
    }

    @Test
    void jsonEscapesQuotesAndControls() {
        ValidationResult r = new ValidationResult(ValidationResult.Status.UNKNOWN_ISSUER, "CN=\"Q\"\\x", Optional.empty(),
                Optional.empty(), "none", "line\nbreak");
        String json = VerifyCertCommand.json(r);
        assertTrue(json.contains("\"subject\":\"CN=\\\"Q\\\"\\\\x\""), json);
        assertTrue(json.contains("\"detail\":\"line\\u000abreak\""), json);
    }

    @Test
    void expiredByAt() {
        assertEquals(ExitCode.NOT_VALID.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--crl", crl.toString(), "--no-ocsp", "--at", "2040-01-01T00:00:00Z"));
        assertTrue(out.toString().contains("has expired"), out.toString());
    }

    @Test
    void unreadableFileAndBadAt() {
        assertEquals(ExitCode.FILE.code, run("verify-cert", "--cert", dir.resolve("nope.pem").toString(),
                "--trust", ca.toString(), "--no-ocsp"));
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals(ExitCode.USAGE.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--at", "yesterday"));
    }

    @Test
    void ocspUrlTimeoutAndOfflineOptions() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(ExitCode.NOT_VALID.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--ocsp-url", "http://127.0.0.1:" + port + "/ocsp", "--timeout", "2s", "--no-nonce",
                "--max-response-age", "10m", "--clock-skew", "PT1M", "--no-fetch-crl", "--at", AT, "--json"));
        assertTrue(out.toString().contains("OCSP: http://127.0.0.1:" + port + "/ocsp: connection refused"), out.toString());
        assertTrue(out.toString().contains("CRL: no CRL given"), out.toString());
        // the given CRL still answers when the responder is down
        assertEquals(0, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(), "--crl", crl.toString(),
                "--ocsp-url", "http://127.0.0.1:" + port + "/ocsp", "--at", AT), out + " / " + err);
    }

    @Test
    void badDurationsAreUsageErrors() {
        assertEquals(ExitCode.USAGE.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--timeout", "soon"));
        assertTrue(err.toString().contains("--timeout takes a duration"), err.toString());
        assertEquals(ExitCode.USAGE.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--clock-skew", "-5m"));
        assertEquals(ExitCode.USAGE.code, run("verify-cert", "--cert", good.toString(), "--trust", ca.toString(),
                "--timeout", "0"));
    }

    @Test
    void aSignatureCertificateIsNotAcceptedUnderTheAuthenticationPolicy() {
        assertEquals(ExitCode.NOT_VALID.code, run("verify-cert", "--cert", signCert.toString(), "--trust",
                signCa.toString(), "--no-ocsp", "--no-fetch-crl", "--at", AT, "--policy", "jpki-auth",
                "--require-explicit-policy"));
        assertTrue(out.toString().contains("was not issued under a certificate policy accepted here (its policies: "
                + JpkiPolicy.SIGNATURE.oid() + "; accepted: " + JpkiPolicy.USER_AUTHENTICATION.oid()
                + "; explicit policy required)"), out.toString());
        assertTrue(out.toString().contains("Policies: accepted " + JpkiPolicy.USER_AUTHENTICATION.oid()
                + " (jpki-auth); explicit policy required"), out.toString());
    }

    @Test
    void theSignaturePolicyIsAcceptedAndTheSettingsPrinted() {
        assertEquals(0, run("verify-cert", "--cert", signCert.toString(), "--trust", signCa.toString(), "--no-ocsp",
                "--no-fetch-crl", "--soft-fail", "--at", AT, "--policy", "jpki-sign", "--policy", "1.2.3.4",
                "--require-explicit-policy", "--inhibit-policy-mapping", "--inhibit-any-policy", "--json"),
                out + " / " + err);
        assertTrue(out.toString().contains("\"policies\":\"accepted " + JpkiPolicy.SIGNATURE.oid()
                + " (jpki-sign), 1.2.3.4; explicit policy required; policy mapping inhibited; anyPolicy inhibited\""),
                out.toString());
        // the defaults print nothing about policies
        assertEquals(0, run("verify-cert", "--cert", signCert.toString(), "--trust", signCa.toString(), "--no-ocsp",
                "--no-fetch-crl", "--soft-fail", "--at", AT), out + " / " + err);
        assertTrue(!out.toString().contains("Policies"), out.toString());
    }

    @Test
    void aPolicyThatIsNeitherAnOidNorAPresetIsAUsageError() {
        assertEquals(ExitCode.USAGE.code, run("verify-cert", "--cert", signCert.toString(), "--trust",
                signCa.toString(), "--policy", "jpki-nope"));
        assertTrue(err.toString().contains("--policy takes a dotted OID, jpki-sign or jpki-auth: not a policy OID: "
                + "jpki-nope"), err.toString());
    }

    @Test
    void caIssuersFetchingCanBeTurnedOff() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/ca/sign-g2.der";
        CaGeneration newer = new CaGeneration("CN=Test Sign CA,O=Test,C=JP");
        Path holder = pem(dir.resolve("newer.pem"), newer.holder("Newer", null, java.net.URI.create(url)));
        assertEquals(ExitCode.NOT_VALID.code, run("verify-cert", "--cert", holder.toString(), "--trust",
                signCa.toString(), "--no-ocsp", "--no-fetch-crl", "--at", AT, "--timeout", "2s"));
        assertTrue(out.toString().contains("caIssuers " + url + ": connection refused"), out.toString());
        assertEquals(ExitCode.NOT_VALID.code, run("verify-cert", "--cert", holder.toString(), "--trust",
                signCa.toString(), "--no-ocsp", "--no-fetch-crl", "--at", AT, "--no-fetch-ca-issuers"));
        assertTrue(out.toString().contains("was not issued by a trusted authority") && !out.toString().contains(url),
                out.toString());
    }
}
