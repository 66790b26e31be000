package jp.mynacard.jlis.cli;

import java.util.Map;

/** One line an operator reads: "8A3F… (sign): revoked, keyCompromise, at 2026-11-23T10:00:00Z". */
final class CertificateStatusLine {
    private CertificateStatusLine() {
    }

    static String of(Map<String, String> status) {
        StringBuilder line = new StringBuilder(status.get("serial")).append(" (").append(status.get("type")).append("): ")
                .append(status.get("state"));
        if (status.get("reason") != null) {
            line.append(", ").append(status.get("reason"));
        }
        if (status.get("revokedAt") != null) {
            line.append(", at ").append(status.get("revokedAt"));
        }
        if (status.get("notAfter") != null) {
            line.append("; valid until ").append(status.get("notAfter"));
        }
        return line.toString();
    }
}
