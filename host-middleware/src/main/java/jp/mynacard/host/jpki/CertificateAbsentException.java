package jp.mynacard.host.jpki;

import jp.mynacard.model.card.MynaCardException;

/** The card holds no such certificate (EF 0008 says so): a holder under 15 has no signature certificate. */
public final class CertificateAbsentException extends MynaCardException {
    public CertificateAbsentException(String message) {
        super(message);
    }
}
