package jp.mynacard.sim;

import jp.mynacard.model.smartphone.SmartphonePlatform;

/** The JPKI AP's install option for a phone's token (the applet's FORM_ANDROID, FORM_IPHONE; spec §3, C15). */
final class SmartphoneTokenForm {
    private static final byte ANDROID = 1;
    private static final byte IPHONE = 2;

    private SmartphoneTokenForm() {
    }

    static byte of(SmartphonePlatform platform) {
        return switch (platform) {
            case ANDROID -> ANDROID;
            case IPHONE -> IPHONE;
        };
    }
}
