package jp.mynacard.host.revocation;

import java.security.cert.CRLException;

/** The CRL is well formed but not acceptable: bad signature, wrong issuer, unsupported algorithm. */
public class CrlVerificationException extends CRLException {
    private static final long serialVersionUID = 1L;

    public CrlVerificationException(String message) {
        super(message);
    }

    public CrlVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
