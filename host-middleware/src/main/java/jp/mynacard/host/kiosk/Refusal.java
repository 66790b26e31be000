package jp.mynacard.host.kiosk;

import java.security.cert.CRLReason;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jp.mynacard.host.trust.ValidationResult;

/**
 * A refused authentication: the reason, the validator's result when the certificate was the
 * problem, and one sentence for the clerk in Japanese and in English. On the wire (service to
 * kiosk): {@code {"reason","ja","en"}}.
 */
public record Refusal(RefusalReason reason, Optional<ValidationResult> validation, String japanese, String english) {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(japanese, "japanese");
        Objects.requireNonNull(english, "english");
    }

    static Refusal of(RefusalReason reason) {
        return switch (reason) {
            case CHALLENGE_UNKNOWN -> new Refusal(reason, Optional.empty(),
                    "この認証要求は受け付けていません。最初からやり直してください。",
                    "unknown authentication request: start again");
            case CHALLENGE_REPLAYED -> new Refusal(reason, Optional.empty(),
                    "この認証は使用済みです（再送の疑い）。最初からやり直してください。",
                    "this authentication was already used (replayed): start again");
            case CHALLENGE_EXPIRED -> new Refusal(reason, Optional.empty(),
                    "時間切れです。最初からやり直してください。",
                    "the authentication took too long (challenge expired): start again");
            case MALFORMED_RESPONSE -> new Refusal(reason, Optional.empty(),
                    "端末からの応答が正しくありません。",
                    "the kiosk's response is malformed");
            case SIGNATURE_INVALID -> new Refusal(reason, Optional.empty(),
                    "カードによる署名を確認できません。",
                    "the card's signature does not verify");
            case CERTIFICATE_NOT_VALID -> throw new IllegalArgumentException("a certificate refusal carries its validation");
        };
    }

    /** The clerk's sentence for a certificate that failed validation. */
    static Refusal of(ValidationResult result) {
        if (result.valid()) {
            throw new IllegalArgumentException("a valid certificate is no refusal");
        }
        String ja;
        String en;
        switch (result.status()) {
            case SUSPENDED -> {
                ja = "このカードの電子証明書は一時保留（一時停止）されています（紛失届など）。";
                en = "card suspended (reported lost)";
            }
            case REVOKED -> {
                ja = "このカードの電子証明書は失効しています" + result.reason().map(r -> "（" + japanese(r) + "）").orElse("")
                        + "。市区町村の窓口にご相談ください。";
                en = "card revoked" + result.reason().map(r -> " (" + english(r) + ")").orElse("");
            }
            case EXPIRED -> {
                ja = "このカードの電子証明書は有効期限が切れています。市区町村の窓口で更新してください。";
                en = "the card's certificate has expired";
            }
            case NOT_YET_VALID -> {
                ja = "このカードの電子証明書はまだ有効になっていません。";
                en = "the card's certificate is not yet valid";
            }
            case UNKNOWN_ISSUER -> {
                ja = "このカードは信頼できる発行元（地方公共団体情報システム機構）のものではありません。";
                en = "card not issued by a trusted authority (unknown CA)";
            }
            case SIGNATURE_INVALID -> {
                ja = "このカードの電子証明書の署名が正しくありません（偽造の疑い）。";
                en = "the card's certificate has an invalid signature (possibly forged)";
            }
            case POLICY_NOT_ACCEPTED -> {
                ja = "このカードの電子証明書は、ここで受け付ける種類（証明書ポリシー）のものではありません。";
                en = "the card's certificate is not of a kind accepted here (certificate policy)";
            }
            case REVOCATION_UNAVAILABLE -> {
                ja = "電子証明書の失効確認ができないため受け付けられません。しばらくしてからやり直してください。";
                en = "the certificate's revocation status is unavailable: try again later";
            }
            default -> throw new IllegalStateException("unexpected status " + result.status());
        }
        return new Refusal(RefusalReason.CERTIFICATE_NOT_VALID, Optional.of(result), ja, en);
    }

    /** "ja / en", for a log line or a terminal. */
    public String clerkMessage() {
        return japanese + " / " + english;
    }

    /** The wire form; the validation's detail stays at the service (its log), the kiosk needs the sentence. */
    public String toJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("reason", reason.name());
        fields.put("ja", japanese);
        fields.put("en", english);
        return FlatJson.write(fields);
    }

    /** A refusal as the kiosk receives it (without the service's validation result). */
    public static Refusal fromJson(String json) {
        String what = "the refusal";
        FlatJson fields = FlatJson.parse(json, what);
        RefusalReason reason;
        try {
            reason = RefusalReason.valueOf(fields.required("reason", what));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(what + ": unknown 'reason'");
        }
        return new Refusal(reason, Optional.empty(), fields.required("ja", what), fields.required("en", what));
    }

    private static String japanese(CRLReason reason) {
        return switch (reason) {
            case KEY_COMPROMISE -> "鍵の危殆化";
            case AFFILIATION_CHANGED -> "異動";
            case SUPERSEDED -> "更新済み";
            case CESSATION_OF_OPERATION -> "廃止・カードの返納";
            default -> english(reason);
        };
    }

    /** KEY_COMPROMISE -> "key compromise", as the validator words it. */
    private static String english(CRLReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
