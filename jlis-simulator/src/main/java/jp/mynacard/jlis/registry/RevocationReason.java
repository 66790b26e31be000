package jp.mynacard.jlis.registry;

import java.util.Locale;

/** Why a certificate stopped being good: the RFC 5280 CRLReason codes the centre uses. */
public enum RevocationReason {
    /** Card lost or stolen (紛失・盗難). */
    KEY_COMPROMISE(1, "keyCompromise"),
    /** Name or address changed: only signature certificates are revoked for this. */
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    /** Reissued. */
    SUPERSEDED(4, "superseded"),
    /** Holder died. */
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    /** The 24-hour lost-card stop (一時保留); never lifted at this centre. */
    CERTIFICATE_HOLD(6, "certificateHold");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    /** The CRLReason enumerated value of RFC 5280 §5.3.1. */
    public int code() {
        return code;
    }

    /** The name RFC 5280 and OpenSSL use, e.g. {@code keyCompromise}. */
    public String rfcName() {
        return rfcName;
    }

    public static RevocationReason fromCode(int code) {
        for (RevocationReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new IllegalArgumentException("no revocation reason with code " + code);
    }

    /** Accepts the RFC name ({@code keyCompromise}) or the constant name ({@code KEY_COMPROMISE}), any case. */
    public static RevocationReason fromName(String name) {
        String wanted = name.trim().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (RevocationReason reason : values()) {
            if (reason.rfcName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason '" + name + "'; one of keyCompromise, "
                + "affiliationChanged, superseded, cessationOfOperation (certificateHold is 'suspend')");
    }
}
