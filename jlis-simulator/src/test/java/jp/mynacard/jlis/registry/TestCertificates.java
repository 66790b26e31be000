package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real (self-signed) certificates for the registry's lookups by key: the registry reads their SubjectPublicKeyInfo. */
final class TestCertificates {
    private TestCertificates() {
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024); // the registry does not care about key size; keep the tests quick
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] certificate(KeyPair key, BigInteger serial) {
        X500Name name = new X500Name("CN=registry test " + serial);
        try {
            return new JcaX509v3CertificateBuilder(name, serial, new Date(0), new Date(4_102_444_800_000L), name, key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded();
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digest(KeyPair key) {
        return PublicKeyDigest.of(key.getPublic().getEncoded());
    }
}
