package jp.mynacard.host.revocation;

import java.security.cert.CRLException;

/** The CRL is malformed DER, truncated, or uses a structure this index does not accept. */
public class CrlFormatException extends CRLException {
    private static final long serialVersionUID = 1L;

    public CrlFormatException(String message) {
        super(message);
    }
}
