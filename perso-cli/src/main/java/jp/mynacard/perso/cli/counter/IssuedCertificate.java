package jp.mynacard.perso.cli.counter;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** The serial of a certificate the centre just issued, to print for the municipality's records. */
final class IssuedCertificate {
    private IssuedCertificate() {
    }

    static BigInteger serial(byte[] der) {
        try {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)))
                    .getSerialNumber();
        } catch (CertificateException e) {
            throw new IllegalStateException("the new certificate does not parse", e);
        }
    }
}
