package jp.mynacard.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.myna.Myna;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code myna cms} against OpenSSL, both ways: what the card signs {@code openssl cms -verify}
 * accepts, what OpenSSL signs {@code myna cms verify} accepts; and OCSP revocation checking against
 * the in-process centre that issued the virtual card's certificates.
 */
class CmsInteropTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String SIGN_PIN = "ABCDEF12";

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(Files.isExecutable(OPENSSL), "no " + OPENSSL);
    }

    private int myna(VirtualCard card, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Map<String, String> env = new HashMap<>();
        Myna myna = new Myna(card == null ? () -> {
            throw new AssertionError("cms verify needs no card");
        } : card::terminal).withEnvironment(env::get).withPrompt(prompt -> null);
        CommandLine cli = Myna.commandLine(myna);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private record Run(int exit, String output) {
    }

    private Run openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl hangs");
        return new Run(process.exitValue(), output);
    }

    private static Path pem(Path file, byte[] der) throws IOException {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return file;
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private Path content() throws IOException {
        return Files.write(dir.resolve("contract.txt"), "契約書: 甲は乙に…\r\n\u0000binary tail".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void opensslVerifiesWhatTheCardSignsEncapsulatedAndDetached() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        Path ca = pem(dir.resolve("signCA.pem"), card.certificates().signCaCertificate());
        Path in = content();

        Path attached = dir.resolve("attached.p7s");
        assertEquals(0, myna(card, "cms", "sign", "--pin", SIGN_PIN, "--in", in.toString(), "--out", attached.toString()), err.toString());
        Run ok = openssl("cms", "-verify", "-inform", "DER", "-in", attached.toString(), "-CAfile", ca.toString(),
                "-out", dir.resolve("extracted").toString());
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Verification successful"), ok.output());
        assertEquals(-1, Files.mismatch(in, dir.resolve("extracted")), "the encapsulated content is the file");
        Run attrs = openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", attached.toString());
        for (String attribute : List.of("contentType", "messageDigest", "signingTime", "id-smime-aa-signingCertificateV2")) {
            assertTrue(attrs.output().contains(attribute), attribute + " in\n" + attrs.output());
        }

        Path detached = dir.resolve("detached.p7s");
        assertEquals(0, myna(card, "cms", "sign", "--pin", SIGN_PIN, "--detached", "--in", in.toString(),
                "--out", detached.toString()), err.toString());
        Run okDetached = openssl("cms", "-verify", "-inform", "DER", "-in", detached.toString(), "-CAfile", ca.toString(),
                "-content", in.toString(), "-binary", "-out", "/dev/null");
        assertEquals(0, okDetached.exit(), okDetached.output());
        assertTrue(okDetached.output().contains("Verification successful"), okDetached.output());

        Path tampered = Files.write(dir.resolve("tampered.txt"), "契約書: 乙は甲に…".getBytes(StandardCharsets.UTF_8));
        Run bad = openssl("cms", "-verify", "-inform", "DER", "-in", detached.toString(), "-CAfile", ca.toString(),
                "-content", tampered.toString(), "-binary", "-out", "/dev/null");
        assertTrue(bad.exit() != 0, bad.output());
        assertTrue(bad.output().contains("Verification failure"), bad.output());
    }

    @Test
    void mynaVerifiesWhatOpensslSignsAndRefusesAnotherTrustAnchor() throws Exception {
        assertEquals(0, openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-subj", "/C=JP/O=Interop/CN=Interop CA", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign").exit());
        assertEquals(0, openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.pem",
                "-subj", "/C=JP/O=Interop/CN=Interop CA", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE").exit(), "same name, other key");
        assertEquals(0, openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "ee.key", "-out", "ee.csr",
                "-subj", "/C=JP/CN=OpenSSL Signer").exit());
        Files.writeString(dir.resolve("ee.ext"), "keyUsage=critical,digitalSignature,nonRepudiation\n"
                + "subjectAltName=email:signer@example.jp\n");
        Run issued = openssl("x509", "-req", "-in", "ee.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "ee.pem", "-days", "30", "-extfile", "ee.ext");
        assertEquals(0, issued.exit(), issued.output());
        Path in = content();
        Run signed = openssl("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-signer", "ee.pem", "-inkey", "ee.key",
                "-certfile", "ca.pem", "-in", in.toString(), "-outform", "DER", "-out", "openssl.p7s");
        assertEquals(0, signed.exit(), signed.output());

        String p7s = dir.resolve("openssl.p7s").toString();
        assertEquals(0, myna(null, "cms", "verify", "--in", p7s, "--trust", dir.resolve("ca.pem").toString(),
                "--no-revocation"), out + "" + err);
        assertTrue(out.toString().startsWith("valid: signed by signer@example.jp at "), out.toString());

        assertEquals(13, myna(null, "cms", "verify", "--in", p7s, "--trust", dir.resolve("other.pem").toString(),
                "--no-revocation"), out + "" + err);
        assertTrue(out.toString().startsWith("NOT valid: no certification path to a trusted CA"), out.toString());

        Run detached = openssl("cms", "-sign", "-binary", "-md", "sha256", "-signer", "ee.pem", "-inkey", "ee.key",
                "-in", in.toString(), "-outform", "PEM", "-out", "detached.pem");
        assertEquals(0, detached.exit(), detached.output());
        assertEquals(0, myna(null, "cms", "verify", "--in", dir.resolve("detached.pem").toString(), "--content", in.toString(),
                "--trust", dir.resolve("ca.pem").toString(), "--no-revocation"), out + "" + err);
        assertEquals(13, myna(null, "cms", "verify", "--in", dir.resolve("detached.pem").toString(),
                "--content", dir.resolve("ca.pem").toString(), "--trust", dir.resolve("ca.pem").toString(), "--no-revocation"));
        assertTrue(out.toString().startsWith("NOT valid: the content does not match"), out.toString());
    }

    @Test
    void theCardsSignatureIsCheckedByOcspAndARevokedCertificateIsReported() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        Path ca = pem(dir.resolve("signCA.pem"), card.certificates().signCaCertificate());
        Path in = content();
        Path p7s = dir.resolve("signed.p7s");
        assertEquals(0, myna(card, "cms", "sign", "--pin", SIGN_PIN, "--in", in.toString(), "--out", p7s.toString()), err.toString());

        assertEquals(0, myna(null, "cms", "verify", "--in", p7s.toString(), "--trust", ca.toString()), out + "" + err);
        String name = Holder.sample().name();
        assertTrue(out.toString().startsWith("valid: signed by " + name + " at "), out.toString());

        X509Certificate signer = certificate(card.certificates().signCertificate());
        VirtualCard.testCentre().administration().revoke(signer.getSerialNumber(), Optional.empty(),
                RevocationReason.KEY_COMPROMISE, null);
        assertEquals(13, myna(null, "cms", "verify", "--in", p7s.toString(), "--trust", ca.toString()), out + "" + err);
        assertTrue(out.toString().startsWith("NOT valid: certificate revoked: "), out.toString());
        assertTrue(out.toString().contains("KEY_COMPROMISE"), out.toString());

        assertEquals(0, myna(null, "cms", "verify", "--in", p7s.toString(), "--trust", ca.toString(), "--no-revocation"),
                out + "" + err);
    }
}
