package jp.mynacard.jlis.registry;

/** Where a certificate stands at the centre. */
public enum CertificateState {
    GOOD,
    /** Stopped through the 24-hour line: answered as revoked with reason certificateHold. */
    SUSPENDED,
    REVOKED
}
