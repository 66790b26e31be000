package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** bin/demo's program: what it writes must verify independently of what it printed. */
class DemoMainTest {
    @TempDir
    Path dir;

    @Test
    void signsTheGivenFileAndTheSignatureVerifiesWithTheCertificateItWrote() throws Exception {
        Path document = Files.writeString(dir.resolve("申請.txt"), "住民票の写しの交付申請");
        int exit = new CommandLine(new DemoMain()).execute(document.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, exit);

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(dir.resolve("out/sign-certificate.der"))));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(Files.readAllBytes(document));
        assertTrue(verifier.verify(Files.readAllBytes(dir.resolve("out/document.sig"))));
        assertTrue(certificate.getIssuerX500Principal().getName().contains("JPKI for digital signature"));
    }
}
