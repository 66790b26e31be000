package jp.mynacard.jlis.cli;

import jp.mynacard.jlis.client.CertificateStatus;

/** One line an operator reads: "8A3F… (sign): revoked, keyCompromise, at 2026-11-23T10:00:00Z". */
final class CertificateStatusLine {
    private CertificateStatusLine() {
    }

    static String of(CertificateStatus status) {
        StringBuilder line = new StringBuilder(status.serial()).append(" (").append(status.type()).append("): ")
                .append(status.state());
        if (status.reason() != null) {
            line.append(", ").append(status.reason());
        }
        if (status.revokedAt() != null) {
            line.append(", at ").append(status.revokedAt());
        }
        if (status.notAfter() != null) {
            line.append("; valid until ").append(status.notAfter());
        }
        return line.toString();
    }
}
