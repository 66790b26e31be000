package jp.mynacard.jlis.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.Signature;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class SigningProviderTest {
    @Test
    void onLinuxX8664TheCorrettoProviderSigns() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the Corretto provider's jar is the linux-x86_64 one");
        SigningProvider chosen = SigningProvider.choose(null);
        assertEquals("AmazonCorrettoCryptoProvider", chosen.provider().getName(), chosen.description());
        assertTrue(chosen.description().startsWith("Amazon Corretto Crypto Provider"), chosen.description());
    }

    @Test
    void jdkWhenAskedFor() {
        SigningProvider jdk = SigningProvider.choose("JDK");
        assertNull(jdk.provider());
        assertTrue(jdk.description().startsWith("the JDK's SunRsaSign"), jdk.description());
    }

    @Test
    void anUnknownSettingIsRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SigningProvider.choose("openssl"));
        assertTrue(refused.getMessage().contains("'auto' or 'jdk'"), refused.getMessage());
    }

    /** What the chosen provider signs, the JDK's own verifier accepts: relying parties run the JDK. */
    @Test
    void aCaCertificateMadeWithTheChosenProviderVerifiesWithTheJdk() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(CertificateUsage.SIGNATURE.caName(), Clock.systemUTC());
        ca.certificate().verify(ca.publicKey(), "SunRsaSign");
        Signature streaming = ca.streamingSigner();
        byte[] data = "CRL body".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        streaming.update(data);
        byte[] signature = streaming.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        verifier.initVerify(ca.publicKey());
        verifier.update(data);
        assertTrue(verifier.verify(signature));
    }
}
