package jp.mynacard.perso.journal;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The centre as crash recovery needs it: what it issued (by serial, or by public key when the
 * issuance answer was lost), and revoking it. Small enough to fake; the centre's admin API is
 * behind the real one ({@code jp.mynacard.perso.centre.CentreCertificateRevoker}).
 */
public interface CertificateRevoker {

    /** Every certificate issued for the key whose SubjectPublicKeyInfo has this SHA-256 ({@link PublicKeyHash}). */
    List<CentreCertificate> certificatesForKey(String publicKeySha256);

    /** The certificate with this serial (hex); empty if the centre never issued it. */
    Optional<CentreCertificate> certificate(String serial);

    /**
     * Revokes it for {@code reason} (an RFC 5280 name such as {@code cessationOfOperation}); the
     * centre answers a repeat of the same revocation with the certificate unchanged.
     */
    CentreCertificate revoke(CentreCertificate certificate, String reason);

    /** A certificate as the centre describes it: {@code state} is good, suspended or revoked; {@code reason} null while good. */
    record CentreCertificate(String serial, String type, String state, String reason) {
        public CentreCertificate {
            serial = canonicalSerial(serial);
        }

        /** One spelling per serial number (upper-case hex, no leading zeros), so the journal's and the centre's compare. */
        public static String canonicalSerial(String hex) {
            if (hex == null || !hex.matches("[0-9A-Fa-f]{1,40}")) {
                throw new IllegalArgumentException("a certificate serial is hexadecimal, not '" + hex + "'");
            }
            return new BigInteger(hex, 16).toString(16).toUpperCase(Locale.ROOT);
        }

        public boolean revoked() {
            return "revoked".equals(state);
        }
    }
}
