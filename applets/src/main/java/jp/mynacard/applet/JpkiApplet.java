package jp.mynacard.applet;

import javacard.framework.ISO7816;
import javacard.framework.ISOException;

/**
 * The JPKI application (公的個人認証AP, spec §3): the user-authentication and digital-signature
 * key pairs generated on the card, their certificates and CA certificates, and the two PINs.
 */
public final class JpkiApplet extends FileSystemApplet {
    /**
     * The token forms, the install option byte (spec §3, C15): the card, or the JPKI AP of a
     * phone's secure element (スマホ用電子証明書), which keeps the authentication certificate
     * behind the authentication PIN and names itself in EF 0006.
     */
    /** Spec §1: the instance registers under this AID whatever AID the card manager's INSTALL names. */
    static final byte[] AID = {(byte) 0xD3, (byte) 0x92, (byte) 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};

    static final byte FORM_CARD = 0;
    static final byte FORM_ANDROID = 1;
    static final byte FORM_IPHONE = 2;

    static final short EF_TOKEN = 0x0006;
    static final short EF_CERTIFICATE_AVAILABILITY = 0x0008;
    static final short EF_AUTH_CERT = 0x000A;
    static final short EF_AUTH_CA_CERT = 0x000B;
    static final short EF_SIGN_CERT = 0x0001;
    static final short EF_SIGN_CA_CERT = 0x0002;
    static final short EF_AUTH_KEY = 0x0017;
    static final short EF_AUTH_PIN = 0x0018;
    static final short EF_SIGN_KEY = 0x001A;
    static final short EF_SIGN_PIN = 0x001B;

    static final byte AUTH_PIN_TRIES = 3;
    static final byte AUTH_PIN_LENGTH = 4;
    static final byte SIGN_PIN_TRIES = 5;
    static final byte SIGN_PIN_MIN_LENGTH = 6;
    static final byte SIGN_PIN_MAX_LENGTH = 16;

    /** Real JPKI certificates are under 2 KB; the signature one grows with the address. */
    static final short CERTIFICATE_CAPACITY = 4096;
    /** EF 0008: the signature certificate's byte, the authentication certificate's, one byte of unknown meaning. */
    static final short AVAILABILITY_LENGTH = 3;
    static final byte CERTIFICATE_PRESENT = (byte) 0x8F;
    static final byte CERTIFICATE_ABSENT = 0x00;
    private static final short AVAILABILITY_SIGN = 0;
    private static final short AVAILABILITY_AUTH = 1;

    private final PinFile authPin;
    private final PinFile signPin;
    private final PinFile[] pins;
    private final KeyFile authKey;
    private final KeyFile signKey;
    private final ElementaryFile token;
    private final ElementaryFile certificateAvailability;
    private final ElementaryFile authCertificate;
    private final ElementaryFile authCaCertificate;
    private final ElementaryFile signCertificate;
    private final ElementaryFile signCaCertificate;

    private static final short[] PERSONALIZED = {
        EF_AUTH_KEY, EF_SIGN_KEY, EF_AUTH_CERT, EF_AUTH_CA_CERT, EF_SIGN_CERT, EF_SIGN_CA_CERT, EF_AUTH_PIN, EF_SIGN_PIN,
    };

    private JpkiApplet(byte[] install, short offset, byte length) {
        super(install, offset, length);
        authPin = new PinFile(AUTH_PIN_TRIES, PinFile.FORMAT_DIGITS, AUTH_PIN_LENGTH, AUTH_PIN_LENGTH);
        signPin = new PinFile(SIGN_PIN_TRIES, PinFile.FORMAT_UPPER_ALPHANUMERIC, SIGN_PIN_MIN_LENGTH, SIGN_PIN_MAX_LENGTH);
        pins = new PinFile[] {authPin, signPin};
        authKey = new KeyFile(authPin);
        signKey = new KeyFile(signPin);
        token = new ElementaryFile(TokenInfo.LENGTH, null);
        byte form = installOption();
        if (form != FORM_CARD && form != FORM_ANDROID && form != FORM_IPHONE) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        // on a phone the authentication certificate is read after the authentication PIN (jpki/myna: cert auth on a GPSE token)
        authCertificate = new ElementaryFile(CERTIFICATE_CAPACITY, form == FORM_CARD ? null : new PinFile[] {authPin});
        authCaCertificate = new ElementaryFile(CERTIFICATE_CAPACITY, null);
        signCertificate = new ElementaryFile(CERTIFICATE_CAPACITY, new PinFile[] {signPin});
        signCaCertificate = new ElementaryFile(CERTIFICATE_CAPACITY, null);
        certificateAvailability = new ElementaryFile(AVAILABILITY_LENGTH, null);
        certificateAvailability.setSize(AVAILABILITY_LENGTH);
        TokenInfo.write(token.content(), form);
        token.setSize(TokenInfo.LENGTH);
        filesChanged();
    }

    public static void install(byte[] parameters, short offset, byte length) {
        new JpkiApplet(parameters, offset, length).register(AID, (short) 0, (byte) AID.length);
    }

    /**
     * EF 0008 says which certificates the card holds ({@code 8F 8F 00} with both): a holder
     * without a signature certificate reads {@code 00} first, so a reader need not ask for a
     * signature PIN that signs nothing. Kept by the card itself, never written by personalization.
     */
    void filesChanged() {
        byte[] content = certificateAvailability.content();
        // written only when it changes: filesChanged follows every UPDATE BINARY chunk, and persistent
        // writes wear a chip's EEPROM
        byte sign = signCertificate.isPersonalized() ? CERTIFICATE_PRESENT : CERTIFICATE_ABSENT;
        if (content[AVAILABILITY_SIGN] != sign) {
            TearPoints.beforeWrite();
            content[AVAILABILITY_SIGN] = sign;
        }
        byte auth = authCertificate.isPersonalized() ? CERTIFICATE_PRESENT : CERTIFICATE_ABSENT;
        if (content[AVAILABILITY_AUTH] != auth) {
            TearPoints.beforeWrite();
            content[AVAILABILITY_AUTH] = auth;
        }
    }

    CardFile findFile(short fid) {
        switch (fid) {
            case EF_TOKEN: return token;
            case EF_CERTIFICATE_AVAILABILITY: return certificateAvailability;
            case EF_AUTH_CERT: return authCertificate;
            case EF_AUTH_CA_CERT: return authCaCertificate;
            case EF_SIGN_CERT: return signCertificate;
            case EF_SIGN_CA_CERT: return signCaCertificate;
            case EF_AUTH_KEY: return authKey;
            case EF_AUTH_PIN: return authPin;
            case EF_SIGN_KEY: return signKey;
            case EF_SIGN_PIN: return signPin;
            default: return null;
        }
    }

    PinFile[] pins() {
        return pins;
    }

    short[] personalizedFids() {
        return PERSONALIZED;
    }

    /**
     * Both key pairs and their certificates: an address change renews the signature certificate
     * (it carries the address); the certificates expire after 5 years while the card lasts 10, and
     * a card found after a loss report needs both reissued (電子証明書の更新 at the counter).
     */
    boolean isRenewable(short fid) {
        return fid == EF_SIGN_KEY || fid == EF_SIGN_CERT || fid == EF_AUTH_KEY || fid == EF_AUTH_CERT;
    }

    short certificateOf(short keyFid) {
        return keyFid == EF_AUTH_KEY ? EF_AUTH_CERT : keyFid == EF_SIGN_KEY ? EF_SIGN_CERT : NO_EF;
    }

    boolean isPersonalized() {
        return authKey.isPersonalized() && signKey.isPersonalized()
                && authPin.isPersonalized() && signPin.isPersonalized()
                && authCertificate.size() > 0 && authCaCertificate.size() > 0
                && signCertificate.size() > 0 && signCaCertificate.size() > 0;
    }
}
