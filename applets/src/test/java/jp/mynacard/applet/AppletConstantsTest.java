package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.CardPin;
import jp.mynacard.model.card.PinCommands;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import org.junit.jupiter.api.Test;

/**
 * The applets keep their own constants (the Java Card converter needs compile-time constants of
 * their own package); the host library and the bureau take theirs from card-model. This holds
 * the two to one table: a FID, try count, PIN length or token form changed on one side only fails here.
 */
class AppletConstantsTest {
    @Test
    void jpkiFiles() {
        assertFid(CardFile.JPKI_TOKEN, JpkiApplet.EF_TOKEN);
        assertFid(CardFile.JPKI_CERTIFICATE_AVAILABILITY, JpkiApplet.EF_CERTIFICATE_AVAILABILITY);
        assertFid(CardFile.JPKI_AUTH_CERT, JpkiApplet.EF_AUTH_CERT);
        assertFid(CardFile.JPKI_AUTH_CA_CERT, JpkiApplet.EF_AUTH_CA_CERT);
        assertFid(CardFile.JPKI_SIGN_CERT, JpkiApplet.EF_SIGN_CERT);
        assertFid(CardFile.JPKI_SIGN_CA_CERT, JpkiApplet.EF_SIGN_CA_CERT);
        assertFid(CardFile.JPKI_AUTH_KEY, JpkiApplet.EF_AUTH_KEY);
        assertFid(CardFile.JPKI_AUTH_PIN, JpkiApplet.EF_AUTH_PIN);
        assertFid(CardFile.JPKI_SIGN_KEY, JpkiApplet.EF_SIGN_KEY);
        assertFid(CardFile.JPKI_SIGN_PIN, JpkiApplet.EF_SIGN_PIN);
    }

    @Test
    void inputHelperFiles() {
        assertFid(CardFile.INPUT_HELPER_MY_NUMBER, InputHelperApplet.EF_MY_NUMBER);
        assertFid(CardFile.INPUT_HELPER_ATTRIBUTES, InputHelperApplet.EF_ATTRIBUTES);
        assertFid(CardFile.INPUT_HELPER_SIGNATURE, InputHelperApplet.EF_SIGNATURE);
        assertFid(CardFile.INPUT_HELPER_SIGNER_CERT, InputHelperApplet.EF_SIGNER_CERT);
        assertFid(CardFile.INPUT_HELPER_AP_BASIC_DATA, InputHelperApplet.EF_AP_BASIC_DATA);
        assertFid(CardFile.INPUT_HELPER_PIN, InputHelperApplet.EF_PIN);
        assertFid(CardFile.INPUT_HELPER_PIN_A, InputHelperApplet.EF_PIN_A);
        assertFid(CardFile.INPUT_HELPER_PIN_B, InputHelperApplet.EF_PIN_B);
    }

    @Test
    void surfaceFiles() {
        assertFid(CardFile.SURFACE_AGE_RECORD, SurfaceApplet.EF_AGE_RECORD);
        assertFid(CardFile.SURFACE_FRONT_FACE, SurfaceApplet.EF_FRONT_FACE);
        assertFid(CardFile.SURFACE_AP_INFO, SurfaceApplet.EF_AP_INFO);
        assertFid(CardFile.SURFACE_SIGNER_CERT, SurfaceApplet.EF_SIGNER_CERT);
        assertFid(CardFile.SURFACE_BACK_FACE, SurfaceApplet.EF_BACK_FACE);
        assertFid(CardFile.SURFACE_BIRTH_DATE_KEY, SurfaceApplet.EF_BIRTH_DATE_KEY);
        assertFid(CardFile.SURFACE_PIN_B, SurfaceApplet.EF_PIN_B);
        assertFid(CardFile.SURFACE_PIN_A, SurfaceApplet.EF_PIN_A);
        assertFid(CardFile.SURFACE_CARD_AUTH_KEY, SurfaceApplet.EF_CARD_AUTH_KEY);
    }

    @Test
    void pinTriesAndLengths() {
        assertPin(CardPin.JPKI_AUTH, JpkiApplet.AUTH_PIN_TRIES, JpkiApplet.AUTH_PIN_LENGTH, JpkiApplet.AUTH_PIN_LENGTH);
        assertPin(CardPin.JPKI_SIGN, JpkiApplet.SIGN_PIN_TRIES, JpkiApplet.SIGN_PIN_MIN_LENGTH, JpkiApplet.SIGN_PIN_MAX_LENGTH);
        assertPin(CardPin.INPUT_HELPER_PIN, InputHelperApplet.PIN_TRIES, InputHelperApplet.PIN_LENGTH, InputHelperApplet.PIN_LENGTH);
        assertPin(CardPin.INPUT_HELPER_PIN_A, InputHelperApplet.PIN_A_TRIES, MyNumber.LENGTH, MyNumber.LENGTH);
        assertPin(CardPin.INPUT_HELPER_PIN_B, InputHelperApplet.PIN_B_TRIES, InputHelperApplet.PIN_B_LENGTH, InputHelperApplet.PIN_B_LENGTH);
        assertPin(CardPin.SURFACE_BIRTH_DATE_KEY, SurfaceApplet.BIRTH_DATE_KEY_TRIES,
                SurfaceApplet.BIRTH_DATE_KEY_LENGTH, SurfaceApplet.BIRTH_DATE_KEY_LENGTH);
        assertPin(CardPin.SURFACE_PIN_B, SurfaceApplet.PIN_B_TRIES, SurfaceApplet.PIN_B_LENGTH, SurfaceApplet.PIN_B_LENGTH);
        assertPin(CardPin.SURFACE_PIN_A, SurfaceApplet.PIN_A_TRIES, MyNumber.LENGTH, MyNumber.LENGTH);
        assertEquals(jp.mynacard.model.holder.MyNumber.LENGTH, MyNumber.LENGTH);
    }

    /** The AIDs each applet registers under, whatever the card manager names (spec §1). */
    @Test
    void applicationIdentifiers() {
        assertArrayEquals(CardApplication.JPKI.aid(), JpkiApplet.AID);
        assertArrayEquals(CardApplication.INPUT_HELPER.aid(), InputHelperApplet.AID);
        assertArrayEquals(CardApplication.SURFACE.aid(), SurfaceApplet.AID);
        assertArrayEquals(CardApplication.FREE_AREA.aid(), FreeAreaApplet.AID);
        assertArrayEquals(CardApplication.COMMON.aid(), CommonApplet.AID);
    }

    /** The install option the host gives a phone's JPKI AP (spec §3, C15). */
    @Test
    void tokenForms() {
        assertEquals(SmartphonePlatform.ANDROID.tokenForm(), JpkiApplet.FORM_ANDROID);
        assertEquals(SmartphonePlatform.IPHONE.tokenForm(), JpkiApplet.FORM_IPHONE);
    }

    @Test
    void pinCommands() {
        assertEquals(PinCommands.INS_VERIFY, FileSystemApplet.INS_VERIFY);
        assertEquals(PinCommands.INS_CHANGE_REFERENCE_DATA, FileSystemApplet.INS_CHANGE_REFERENCE_DATA);
        assertEquals(PinCommands.INS_RESET_RETRY_COUNTER, FileSystemApplet.INS_SET_PIN);
    }

    private static void assertFid(CardFile file, short appletFid) {
        assertEquals(file.fid(), appletFid, file + " has another FID on the card");
    }

    /** The card-model format must accept exactly the lengths the applet accepts. */
    private static void assertPin(CardPin pin, byte tries, int minLength, int maxLength) {
        assertEquals(pin.maxTries(), tries, pin + ": tries");
        for (int length = 1; length <= 20; length++) {
            char[] candidate = validOfLength(length);
            boolean appletAccepts = length >= minLength && length <= maxLength;
            assertEquals(appletAccepts, pin.format().matches(candidate), pin + ": a PIN of " + length + " characters");
        }
    }

    /** Digits (a valid My Number where the format needs one); 12 digits with a good check digit. */
    private static char[] validOfLength(int length) {
        if (length == MyNumber.LENGTH) {
            return "123456789018".toCharArray();
        }
        char[] digits = new char[length];
        java.util.Arrays.fill(digits, '1');
        return digits;
    }
}
