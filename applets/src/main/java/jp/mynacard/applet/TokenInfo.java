package jp.mynacard.applet;

import javacard.framework.Util;

/**
 * EF 0006 of the JPKI AP (spec §3, C7): a PKCS#11 {@code CK_TOKEN_INFO} of 160 bytes, the
 * 32-byte label first, so a reader that reads 32 bytes and trims the spaces finds
 * {@code JPKIAPICCTOKEN2}. Layout (PKCS#11 v2.40 §3.2 with 4-byte integers, big-endian as every
 * integer on this card): label 32, manufacturerID 32, model 16, serialNumber 16, flags 4, ten
 * counters of 4, hardwareVersion 2, firmwareVersion 2, utcTime 16. Only the label's value is
 * public; the other values are ours and say so where a text field allows it.
 */
final class TokenInfo {
    static final short LENGTH = 160;

    private static final short OFFSET_LABEL = 0;
    private static final short OFFSET_MANUFACTURER = 32;
    private static final short OFFSET_MODEL = 64;
    private static final short OFFSET_FLAGS = 96;
    private static final short OFFSET_MAX_PIN_LENGTH = 116;
    private static final short OFFSET_MIN_PIN_LENGTH = 120;
    private static final short OFFSET_TOTAL_PUBLIC_MEMORY = 124;
    private static final short OFFSET_HARDWARE_VERSION = 140;
    private static final short OFFSET_FIRMWARE_VERSION = 142;
    /** ulTotalPublicMemory .. ulFreePrivateMemory: four counters the card does not report. */
    private static final short MEMORY_COUNTERS = 4;
    private static final short COUNTER_LENGTH = 4;

    /** The card's label, then the phones' (the JPKI AP of an Android or iOS secure element). */
    private static final byte[] LABEL_CARD = {'J', 'P', 'K', 'I', 'A', 'P', 'I', 'C', 'C', 'T', 'O', 'K', 'E', 'N', '2'};
    private static final byte[] LABEL_ANDROID = {'J', 'P', 'K', 'I', 'A', 'P', 'G', 'P', 'S', 'E', 'T', 'O', 'K', 'E', 'N'};
    private static final byte[] LABEL_IPHONE = {'J', 'P', 'K', 'I', 'A', 'P', 'I', 'O', 'S', 'T', 'O', 'K', 'E', 'N'};
    private static final byte[] MANUFACTURER = {'m', 'y', 'n', 'a', 'c', 'a', 'r', 'd', ' ', '(', 's', 'i', 'm', 'u', 'l', 'a', 't', 'e', 'd', ')'};
    private static final byte[] MODEL = {'J', 'P', 'K', 'I', ' ', 'A', 'P'};
    private static final byte PADDING = ' ';
    /** CKF_WRITE_PROTECTED | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED. */
    private static final short FLAGS = 0x040E;
    /** The longest and shortest PINs of the AP: the signature PIN's 16, the authentication PIN's 4. */
    private static final short MAX_PIN_LENGTH = 16;
    private static final short MIN_PIN_LENGTH = 4;
    /** CK_UNAVAILABLE_INFORMATION, all ones. */
    private static final byte UNAVAILABLE = (byte) 0xFF;
    private static final byte VERSION_MAJOR = 1;

    private TokenInfo() {
    }

    /**
     * Writes the 160 bytes at {@code out[0..160)} for a token of {@code form} (a JpkiApplet FORM_);
     * counters not written are 0 (CK_EFFECTIVELY_INFINITE for sessions).
     */
    static void write(byte[] out, byte form) {
        byte[] label = form == JpkiApplet.FORM_ANDROID ? LABEL_ANDROID : form == JpkiApplet.FORM_IPHONE ? LABEL_IPHONE : LABEL_CARD;
        Util.arrayFillNonAtomic(out, (short) 0, OFFSET_FLAGS, PADDING);
        Util.arrayFillNonAtomic(out, OFFSET_FLAGS, (short) (LENGTH - OFFSET_FLAGS), (byte) 0);
        Util.arrayCopyNonAtomic(label, (short) 0, out, OFFSET_LABEL, (short) label.length);
        Util.arrayCopyNonAtomic(MANUFACTURER, (short) 0, out, OFFSET_MANUFACTURER, (short) MANUFACTURER.length);
        Util.arrayCopyNonAtomic(MODEL, (short) 0, out, OFFSET_MODEL, (short) MODEL.length);
        // 4-byte integers whose values fit a short: the low half carries them
        Util.setShort(out, (short) (OFFSET_FLAGS + 2), FLAGS);
        Util.setShort(out, (short) (OFFSET_MAX_PIN_LENGTH + 2), MAX_PIN_LENGTH);
        Util.setShort(out, (short) (OFFSET_MIN_PIN_LENGTH + 2), MIN_PIN_LENGTH);
        Util.arrayFillNonAtomic(out, OFFSET_TOTAL_PUBLIC_MEMORY, (short) (MEMORY_COUNTERS * COUNTER_LENGTH), UNAVAILABLE);
        out[OFFSET_HARDWARE_VERSION] = VERSION_MAJOR;
        out[OFFSET_FIRMWARE_VERSION] = VERSION_MAJOR;
        // utcTime: the card has no clock, so blank, as PKCS#11 has it for tokens without one
        Util.arrayFillNonAtomic(out, (short) (OFFSET_FIRMWARE_VERSION + 2), (short) (LENGTH - OFFSET_FIRMWARE_VERSION - 2), PADDING);
    }
}
