package jp.mynacard.kiosk;

import java.util.LinkedHashMap;
import java.util.Map;
import jp.mynacard.host.kiosk.FlatJson;
import jp.mynacard.host.kiosk.Refusal;

/**
 * Why the municipal service issued nothing, as the kiosk shows it to the clerk: the
 * authentication's refusal ({@link jp.mynacard.host.kiosk.RefusalReason} names), or the service's
 * own: {@code NOT_A_RESIDENT}, {@code HOLDER_UNKNOWN}, {@code CENTRE_UNAVAILABLE}, {@code BUSY}, {@code SEAL_NOT_REGISTERED}.
 * On the wire: {@code {"reason","ja","en"}}.
 */
public record ServiceRefusal(String reason, String japanese, String english) {
    static final String NOT_A_RESIDENT = "NOT_A_RESIDENT";
    static final String HOLDER_UNKNOWN = "HOLDER_UNKNOWN";
    static final String CENTRE_UNAVAILABLE = "CENTRE_UNAVAILABLE";
    static final String BUSY = "BUSY";
    static final String SEAL_NOT_REGISTERED = "SEAL_NOT_REGISTERED";

    static ServiceRefusal of(Refusal refusal) {
        return new ServiceRefusal(refusal.reason().name(), refusal.japanese(), refusal.english());
    }

    static ServiceRefusal notAResident(String municipality) {
        return new ServiceRefusal(NOT_A_RESIDENT, "この方は" + municipality + "の住民基本台帳に記録されていません。",
                "not a resident of " + municipality);
    }

    static ServiceRefusal holderUnknown() {
        return new ServiceRefusal(HOLDER_UNKNOWN, "このカードの発行記録が見つかりません。窓口にご相談ください。",
                "the centre has no record of whom this card was issued to");
    }

    static ServiceRefusal centreUnavailable() {
        return new ServiceRefusal(CENTRE_UNAVAILABLE, "センターに接続できません。しばらくしてからやり直してください。",
                "the centre cannot be reached: try again later");
    }

    static ServiceRefusal sealNotRegistered() {
        return new ServiceRefusal(SEAL_NOT_REGISTERED, "このカードの印鑑登録証は登録されていないか、ご本人のものではありません。窓口にご相談ください。",
                "no seal registration of this holder on this card");
    }

    static ServiceRefusal busy() {
        return new ServiceRefusal(BUSY, "ただいま混み合っています。しばらくしてからやり直してください。",
                "the service is busy: try again shortly");
    }

    /** "ja / en", for the kiosk's screen. */
    public String clerkMessage() {
        return japanese + " / " + english;
    }

    String toJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("reason", reason);
        fields.put("ja", japanese);
        fields.put("en", english);
        return FlatJson.write(fields);
    }

    static ServiceRefusal fromJson(String json) {
        String what = "the service's refusal";
        FlatJson fields = FlatJson.parse(json, what);
        return new ServiceRefusal(fields.required("reason", what), fields.required("ja", what), fields.required("en", what));
    }
}
