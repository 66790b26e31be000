package jp.mynacard.jlis.client;

import java.time.Instant;
import java.util.Map;

/**
 * What the centre holds for one certificate: serial (hex), type ("auth", "sign"), state ("good",
 * "suspended", "revoked"), and once suspended or revoked the RFC 5280 reason name and the time;
 * null where the centre has nothing (a good certificate has no reason).
 */
public record CertificateStatus(String serial, String type, String state, String reason, Instant revokedAt,
                                Instant invalidityDate, Instant notAfter) {

    static CertificateStatus of(Map<String, String> answer) {
        return new CertificateStatus(JsonFields.required(answer, "serial"), JsonFields.required(answer, "type"),
                JsonFields.required(answer, "state"), answer.get("reason"), JsonFields.instant(answer, "revokedAt"),
                JsonFields.instant(answer, "invalidityDate"), JsonFields.instant(answer, "notAfter"));
    }
}
