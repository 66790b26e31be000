package jp.mynacard.model.smartphone;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The phones that carry a JPKI token since 2023 (スマホ用電子証明書), each with the token label its
 * secure element's JPKI AP answers in EF 0006 as public readers document (jpki/myna
 * {@code libmyna/api.go} {@code CheckCard}, {@code src/jpki.rs}).
 */
public enum SmartphonePlatform {
    ANDROID("android", "JPKIAPGPSETOKEN"),
    IPHONE("iphone", "JPKIAPIOSTOKEN");

    private final String word;
    private final String tokenLabel;

    SmartphonePlatform(String word, String tokenLabel) {
        this.word = word;
        this.tokenLabel = tokenLabel;
    }

    /** "android" or "iphone": the command lines' and the centre's JSON word. */
    public String word() {
        return word;
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    public static SmartphonePlatform ofWord(String word) {
        return Arrays.stream(values()).filter(platform -> platform.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the platform is one of " + words() + ", not '" + word + "'"));
    }

    public static String words() {
        return Arrays.stream(values()).map(SmartphonePlatform::word).collect(Collectors.joining(", "));
    }
}
