package jp.mynacard.jlis.client;

import java.util.Objects;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * The centre's answer to a phone's request (スマホ用電子証明書): the platform and the two
 * certificates issued for the phone's keys, each as a single issuance answers it.
 */
public record SmartphoneCertificates(SmartphonePlatform platform, IssuedCertificate auth, IssuedCertificate sign) {
    public SmartphoneCertificates {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(sign, "sign");
    }

    static SmartphoneCertificates of(byte[] answer) {
        SmartphonePlatform platform;
        try {
            platform = SmartphonePlatform.ofWord(JsonFields.required(JsonFields.parse(answer), "platform"));
        } catch (IllegalArgumentException e) {
            throw new CentreException(0, "the centre's answer names no platform it knows: " + e.getMessage(), e);
        }
        return new SmartphoneCertificates(platform, IssuedCertificate.of(JsonFields.parseObject(answer, "auth")),
                IssuedCertificate.of(JsonFields.parseObject(answer, "sign")));
    }
}
