package jp.mynacard.jlis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard clients against bin/jlis serve: certificates issued with `bin/jlis issue`, checked
 * with `openssl ocsp` at the AIA URL they carry and `openssl crl`/`verify` with the CRLs served
 * at their distribution points.
 */
class CentreOpenSslIT {
    private static final String HOLDER = """
            {"name":"番号　花子","birthDate":"1989-03-31","sex":"female",
             "address":"東京都千代田区霞が関二丁目１番２号","cardExpiry":"2034-03-31"}
            """;

    @TempDir
    static Path dir;
    private static CentreProcess centre;
    private static Path caPem;

    @BeforeAll
    static void startCentre() throws Exception {
        centre = CentreProcess.start(dir.resolve("data"));
        caPem = dir.resolve("sign-ca.pem");
        jlis("ca", "--type", "sign", "--out", caPem.toString()).requireSuccess();
        Files.writeString(dir.resolve("holder.json"), HOLDER);
    }

    @AfterAll
    static void stopCentre() throws Exception {
        assertEquals(0, centre.stop(), "bin/jlis serve exits 0 on SIGTERM");
    }

    @Test
    void ocspSaysGoodThenRevokedWithReasonRightAfterRevoke() throws Exception {
        Issued cert = issue("revoke-me");
        String url = ExternalTool.run("openssl", "x509", "-in", cert.pem.toString(), "-noout", "-ocsp_uri").requireSuccess().stdout().trim();
        assertEquals(centre.uri().resolve("ocsp").toString(), url);

        String good = ocsp(cert.pem, url);
        assertTrue(good.contains(cert.pem + ": good"), good);
        assertTrue(good.contains("Response verify OK"), good);

        String revokeLine = jlis("revoke", "--serial", cert.serial, "--reason", "keyCompromise").requireSuccess().stdout();
        assertTrue(revokeLine.contains("revoked, keyCompromise"), revokeLine);
        String revoked = ocsp(cert.pem, url);
        assertTrue(revoked.contains(cert.pem + ": revoked"), revoked);
        assertTrue(revoked.contains("Reason: keyCompromise"), revoked);
    }

    @Test
    void suspensionIsRevokedWithCertificateHold() throws Exception {
        Issued cert = issue("lost");
        jlis("suspend", "--serial", cert.serial).requireSuccess();
        String answer = ocsp(cert.pem, centre.uri().resolve("ocsp").toString());
        assertTrue(answer.contains(cert.pem + ": revoked"), answer);
        assertTrue(answer.contains("Reason: certificateHold"), answer);
        String status = jlis("status", "--serial", cert.serial).requireSuccess().stdout();
        assertTrue(status.contains("suspended, certificateHold"), status);
    }

    @Test
    void servedCrlsParseAndVerifyRejectsTheRevokedCertificate() throws Exception {
        Issued revoked = issue("crl-revoked");
        Issued good = issue("crl-good");
        jlis("revoke", "--serial", revoked.serial, "--reason", "affiliationChanged",
                "--invalidity-date", "2026-11-20T09:00:00Z").requireSuccess();
        jlis("publish-crls").requireSuccess();

        String distributionPoint = crlUrl(revoked.pem);
        Path crl = download(URI.create(distributionPoint), dir.resolve("sign.crl"));
        String text = ExternalTool.run("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text").requireSuccess().stdout();
        assertTrue(text.contains("Serial Number: " + revoked.serial), text);
        assertTrue(text.contains("Affiliation Changed"), text);
        assertTrue(text.contains("Invalidity Date") && text.contains("Nov 20 09:00:00 2026 GMT"), text);
        Path delta = download(URI.create(distributionPoint.replace("sign.crl", "sign-delta.crl")), dir.resolve("sign-delta.crl"));
        ExternalTool.run("openssl", "crl", "-inform", "DER", "-in", delta.toString(), "-noout", "-text").requireSuccess();

        Path crlPem = dir.resolve("sign-crl.pem");
        ExternalTool.run("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-out", crlPem.toString()).requireSuccess();
        ExternalTool.Result rejected = ExternalTool.run("openssl", "verify", "-crl_check", "-CAfile", caPem.toString(), "-CRLfile",
                crlPem.toString(), revoked.pem.toString());
        assertTrue(rejected.all().contains("certificate revoked"), rejected.all());
        ExternalTool.Result accepted = ExternalTool.run("openssl", "verify", "-crl_check", "-CAfile", caPem.toString(), "-CRLfile",
                crlPem.toString(), good.pem.toString());
        assertEquals(0, accepted.exitCode(), accepted.all());
        assertTrue(accepted.stdout().contains(": OK"), accepted.all());
    }

    private record Issued(Path pem, String serial) {
    }

    private static Issued issue(String name) throws Exception {
        Path key = dir.resolve(name + ".key");
        Path publicKey = dir.resolve(name + ".pub");
        ExternalTool.run("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString()).requireSuccess();
        ExternalTool.run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", publicKey.toString()).requireSuccess();
        Path pem = dir.resolve(name + ".pem");
        String issued = jlis("issue", "--type", "sign", "--public-key", publicKey.toString(), "--holder",
                dir.resolve("holder.json").toString(), "--out", pem.toString()).requireSuccess().stdout();
        Matcher serial = Pattern.compile("certificate ([0-9A-F]+)").matcher(issued);
        assertTrue(serial.find(), issued);
        return new Issued(pem, serial.group(1));
    }

    private static String ocsp(Path certificate, String url) throws Exception {
        return ExternalTool.run("openssl", "ocsp", "-issuer", caPem.toString(), "-cert", certificate.toString(), "-url", url,
                "-CAfile", caPem.toString()).all();
    }

    private static String crlUrl(Path certificate) throws Exception {
        String text = ExternalTool.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-ext", "crlDistributionPoints")
                .requireSuccess().stdout();
        Matcher uri = Pattern.compile("URI:(\\S+)").matcher(text);
        assertTrue(uri.find(), text);
        return uri.group(1);
    }

    private static Path download(URI uri, Path file) throws Exception {
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        assertEquals(200, response.statusCode(), uri.toString());
        return file;
    }

    private static ExternalTool.Result jlis(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 3];
        command[0] = CentreProcess.jlis().toString();
        command[1] = arguments[0];
        command[2] = "--centre=" + centre.uri();
        command[3] = "--admin-token-file=" + centre.adminTokenFile();
        System.arraycopy(arguments, 1, command, 4, arguments.length - 1);
        return ExternalTool.run(command);
    }
}
