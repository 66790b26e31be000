package jp.mynacard.applet;

/**
 * The card-input-helper application (券面事項入力補助AP, spec §4): the My Number and the four
 * basic attributes as the card face prints them, the issuer's signature over both, and the
 * signer's certificate. Three PINs with separate counters: the holder's 4-digit PIN opens
 * everything; PIN-A (the My Number itself) opens the My Number; PIN-B (birth date, expiry year,
 * security code) opens the four attributes.
 */
public final class InputHelperApplet extends FileSystemApplet {
    /** Spec §1: the instance registers under this AID whatever AID the card manager's INSTALL names. */
    static final byte[] AID = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08};

    static final short EF_MY_NUMBER = 0x0001;
    static final short EF_ATTRIBUTES = 0x0002;
    static final short EF_SIGNATURE = 0x0003;
    static final short EF_SIGNER_CERT = 0x0004;
    static final short EF_AP_BASIC_DATA = 0x0005;
    static final short EF_PIN = 0x0011;
    static final short EF_PIN_A = 0x0014;
    static final short EF_PIN_B = 0x0015;

    static final byte PIN_TRIES = 3;
    static final byte PIN_LENGTH = 4;
    static final byte PIN_A_TRIES = 10;
    static final byte PIN_B_TRIES = 10;
    /** Japanese-era birth date YYMMDD, expiry year YYYY, security code NNNN. */
    static final byte PIN_B_LENGTH = 14;

    /** {@code FF 10 0C}: tag and length before the digits. */
    static final short MY_NUMBER_HEADER_LENGTH = 3;
    /** {@code FF FF} after the digits: the real card's EF 0001 is 17 bytes, and readers read all 17. */
    static final short MY_NUMBER_PADDING_LENGTH = 2;
    /** The header, the 12 ASCII digits and the padding. */
    static final short MY_NUMBER_FILE_LENGTH = (short) (MY_NUMBER_HEADER_LENGTH + MyNumber.LENGTH + MY_NUMBER_PADDING_LENGTH);
    /** {@code FF 40} { DF 41 AP information, DF 42 key id } padded with FF: readers read exactly 256 bytes. */
    static final short AP_BASIC_DATA_LENGTH = 256;
    /** Name and a 200-character address in UTF-8 (up to 4 bytes a character), with their headers. */
    static final short ATTRIBUTES_CAPACITY = 2048;
    /** {@code FF 30 82 01 4B} { DF 31 20 hash, DF 32 20 hash, DF 33 82 01 00 signature }. */
    static final short SIGNATURE_FILE_LENGTH = 336;
    /** The card-data signer's X.509 certificate (about 1 KB for RSA-2048). */
    static final short SIGNER_CERT_CAPACITY = 2048;

    private final PinFile pin;
    private final PinFile pinA;
    private final PinFile pinB;
    private final PinFile[] pins;
    private final ElementaryFile myNumber;
    private final ElementaryFile attributes;
    private final ElementaryFile signature;
    private final ElementaryFile signerCertificate;
    private final ElementaryFile apBasicData;

    private static final short[] PERSONALIZED = {
        EF_MY_NUMBER, EF_ATTRIBUTES, EF_SIGNATURE, EF_SIGNER_CERT, EF_AP_BASIC_DATA, EF_PIN, EF_PIN_A, EF_PIN_B,
    };

    private InputHelperApplet(byte[] install, short offset, byte length) {
        super(install, offset, length);
        pin = new PinFile(PIN_TRIES, PinFile.FORMAT_DIGITS, PIN_LENGTH, PIN_LENGTH);
        pinA = new PinFile(PIN_A_TRIES, PinFile.FORMAT_MY_NUMBER, MyNumber.LENGTH, MyNumber.LENGTH, false);
        pinB = new PinFile(PIN_B_TRIES, PinFile.FORMAT_DIGITS, PIN_B_LENGTH, PIN_B_LENGTH, false);
        pins = new PinFile[] {pin, pinA, pinB};
        myNumber = new ElementaryFile(MY_NUMBER_FILE_LENGTH, new PinFile[] {pin, pinA});
        attributes = new ElementaryFile(ATTRIBUTES_CAPACITY, new PinFile[] {pin, pinB});
        signature = new ElementaryFile(SIGNATURE_FILE_LENGTH, new PinFile[] {pin, pinA, pinB});
        signerCertificate = new ElementaryFile(SIGNER_CERT_CAPACITY, null);
        apBasicData = new ElementaryFile(AP_BASIC_DATA_LENGTH, null);
    }

    public static void install(byte[] parameters, short offset, byte length) {
        new InputHelperApplet(parameters, offset, length).register(AID, (short) 0, (byte) AID.length);
    }

    CardFile findFile(short fid) {
        switch (fid) {
            case EF_MY_NUMBER: return myNumber;
            case EF_ATTRIBUTES: return attributes;
            case EF_SIGNATURE: return signature;
            case EF_SIGNER_CERT: return signerCertificate;
            case EF_AP_BASIC_DATA: return apBasicData;
            case EF_PIN: return pin;
            case EF_PIN_A: return pinA;
            case EF_PIN_B: return pinB;
            default: return null;
        }
    }

    PinFile[] pins() {
        return pins;
    }

    short[] personalizedFids() {
        return PERSONALIZED;
    }

    /** An address or name change: the four attributes and the signature over them. */
    boolean isRenewable(short fid) {
        return fid == EF_ATTRIBUTES || fid == EF_SIGNATURE;
    }

    boolean isPersonalized() {
        return pin.isPersonalized() && pinA.isPersonalized() && pinB.isPersonalized()
                && myNumber.size() == MY_NUMBER_FILE_LENGTH
                && attributes.size() > 0
                && signature.size() == SIGNATURE_FILE_LENGTH
                && signerCertificate.size() > 0
                && apBasicData.size() == AP_BASIC_DATA_LENGTH;
    }
}
