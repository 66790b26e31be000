package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import jp.mynacard.jlis.ca.CertificateUsage;

/** No certificate of that CA has that serial number. */
public final class UnknownCertificateException extends RegistryException {
    public UnknownCertificateException(CertificateUsage usage, BigInteger serial) {
        super("no " + usage.displayName() + " certificate with serial " + serial.toString(16).toUpperCase(java.util.Locale.ROOT));
    }

    /** No certificate of either CA has that serial number. */
    public UnknownCertificateException(BigInteger serial) {
        super("no certificate with serial " + serial.toString(16).toUpperCase(java.util.Locale.ROOT));
    }
}
