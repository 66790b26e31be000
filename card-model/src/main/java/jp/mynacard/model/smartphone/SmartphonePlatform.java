package jp.mynacard.model.smartphone;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The phones that carry a JPKI token since 2023 (スマホ用電子証明書), each with the token label its
 * secure element's JPKI AP answers in EF 0006 as public readers document (jpki/myna
 * {@code libmyna/api.go} {@code CheckCard}, {@code src/jpki.rs}).
 */
public enum SmartphonePlatform {
    ANDROID("android", "JPKIAPGPSETOKEN", 1),
    IPHONE("iphone", "JPKIAPIOSTOKEN", 2);

    private final String word;
    private final String tokenLabel;
    private final byte tokenForm;

    SmartphonePlatform(String word, String tokenLabel, int tokenForm) {
        this.word = word;
        this.tokenLabel = tokenLabel;
        this.tokenForm = (byte) tokenForm;
    }

    /** "android" or "iphone": the command lines' and the centre's JSON word. */
    public String word() {
        return word;
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    /** The JPKI AP's install option for this phone's token (spec §3, C15; the card is 0): the applet's FORM_ constants. */
    public byte tokenForm() {
        return tokenForm;
    }

    public static SmartphonePlatform ofWord(String word) {
        return Arrays.stream(values()).filter(platform -> platform.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the platform is one of " + words() + ", not '" + word + "'"));
    }

    public static String words() {
        return Arrays.stream(values()).map(SmartphonePlatform::word).collect(Collectors.joining(", "));
    }
}
