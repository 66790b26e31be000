package jp.mynacard.host.jpki;

import jp.mynacard.model.card.MalformedCardDataException;

/**
 * EF 0008 of the JPKI AP (spec §3, C4), readable without a PIN: which certificates the card
 * holds. A holder under 15 has no signature certificate, and a reader should not ask for a
 * signature PIN that signs nothing.
 */
public record CertificateAvailability(boolean signature, boolean authentication) {
    static final int LENGTH = 3;
    private static final byte PRESENT = (byte) 0x8F;
    private static final byte ABSENT = 0x00;
    private static final String WHAT = "EF 0008 (certificate availability)";

    static CertificateAvailability parse(byte[] ef) {
        if (ef.length != LENGTH) {
            throw new MalformedCardDataException(WHAT + ": " + ef.length + " bytes, expected " + LENGTH);
        }
        return new CertificateAvailability(present(ef[0], "signature"), present(ef[1], "authentication"));
    }

    private static boolean present(byte flag, String which) {
        if (flag != PRESENT && flag != ABSENT) {
            throw new MalformedCardDataException(String.format("%s: the %s certificate's byte is %02X, neither 8F nor 00",
                    WHAT, which, flag));
        }
        return flag == PRESENT;
    }
}
