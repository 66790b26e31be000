package jp.mynacard.jlis.provision;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.RevocationRegistry;

/** The signature certificates this centre issued, as its registry records them. */
final class CentreCertificates {
    private final RevocationRegistry registry;

    CentreCertificates(RevocationRegistry registry) {
        this.registry = registry;
    }

    Optional<CertificateRecord> record(BigInteger serial) {
        return registry.find(CertificateUsage.SIGNATURE, serial);
    }

    /** True only for the very certificate the centre issued: same serial and byte for byte the same DER. */
    boolean issuedHere(X509Certificate presented) {
        Optional<byte[]> stored = registry.certificate(CertificateUsage.SIGNATURE, presented.getSerialNumber());
        try {
            return stored.isPresent() && Arrays.equals(stored.get(), presented.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    /** A certificate the registry holds (callers know it does). */
    X509Certificate certificate(BigInteger serial) {
        byte[] der = registry.certificate(CertificateUsage.SIGNATURE, serial).orElseThrow(() ->
                new IllegalStateException("the registry keeps no DER for signature certificate " + serial.toString(16)));
        return parse(der);
    }

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.MALFORMED, "the certificate is not an X.509 certificate");
        }
    }
}
