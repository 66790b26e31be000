package jp.mynacard.applet;

/**
 * The card-surface application (券面事項確認AP, spec §5): the printed card face as images with
 * the card-data signer's signature, for a counter to compare with the plastic, and a
 * card-authentication key that proves the chip is the one the centre issued. Three PINs with
 * separate counters, all derived from the printed face and so never changed by the holder.
 */
public final class SurfaceApplet extends FileSystemApplet {
    /** Spec §1: the instance registers under this AID whatever AID the card manager's INSTALL names. */
    static final byte[] AID = {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02};

    static final short EF_AGE_RECORD = 0x0001;
    static final short EF_FRONT_FACE = 0x0002;
    static final short EF_AP_INFO = 0x0003;
    static final short EF_SIGNER_CERT = 0x0004;
    static final short EF_BACK_FACE = 0x0005;
    static final short EF_BIRTH_DATE_KEY = 0x0011;
    static final short EF_PIN_B = 0x0012;
    static final short EF_PIN_A = 0x0013;
    static final short EF_CARD_AUTH_KEY = 0x0017;

    static final byte BIRTH_DATE_KEY_TRIES = 10;
    /** Japanese-era YYMMDD. */
    static final byte BIRTH_DATE_KEY_LENGTH = 6;
    static final byte PIN_B_TRIES = 10;
    static final byte PIN_B_LENGTH = 14;
    static final byte PIN_A_TRIES = 10;

    /** FF 10 { DF 11 08 date, DF 12 82 01 09 card key, DF 13 82 01 00 signature } is 547 bytes. */
    static final short AGE_RECORD_CAPACITY = 1024;
    /** Photo and images: 4–12 KB in practice; spec §5 asks for at least 16 KB. */
    static final short FRONT_FACE_CAPACITY = 16384;
    /** FF 30 { DF 31 04 AP id, DF 32 serial, DF 33 01 version, DF 34 06 municipality code }. */
    static final short AP_INFO_CAPACITY = 64;
    static final short SIGNER_CERT_CAPACITY = 2048;
    /** The My Number as a PNG and its signature: a few KB. */
    static final short BACK_FACE_CAPACITY = 8192;

    private final PinFile birthDateKey;
    private final PinFile pinB;
    private final PinFile pinA;
    private final PinFile[] pins;
    private final ElementaryFile ageRecord;
    private final ElementaryFile frontFace;
    private final ElementaryFile apInfo;
    private final ElementaryFile signerCertificate;
    private final ElementaryFile backFace;
    private final KeyFile cardAuthKey;

    private static final short[] PERSONALIZED = {
        EF_CARD_AUTH_KEY, EF_AGE_RECORD, EF_FRONT_FACE, EF_AP_INFO, EF_SIGNER_CERT, EF_BACK_FACE,
        EF_BIRTH_DATE_KEY, EF_PIN_B, EF_PIN_A,
    };

    private SurfaceApplet(byte[] install, short offset, byte length) {
        super(install, offset, length);
        birthDateKey = new PinFile(BIRTH_DATE_KEY_TRIES, PinFile.FORMAT_DIGITS, BIRTH_DATE_KEY_LENGTH, BIRTH_DATE_KEY_LENGTH, false);
        pinB = new PinFile(PIN_B_TRIES, PinFile.FORMAT_DIGITS, PIN_B_LENGTH, PIN_B_LENGTH, false);
        pinA = new PinFile(PIN_A_TRIES, PinFile.FORMAT_MY_NUMBER, MyNumber.LENGTH, MyNumber.LENGTH, false);
        pins = new PinFile[] {birthDateKey, pinB, pinA};
        ageRecord = new ElementaryFile(AGE_RECORD_CAPACITY, new PinFile[] {birthDateKey});
        frontFace = new ElementaryFile(FRONT_FACE_CAPACITY, new PinFile[] {pinA, pinB});
        apInfo = new ElementaryFile(AP_INFO_CAPACITY, null);
        signerCertificate = new ElementaryFile(SIGNER_CERT_CAPACITY, null);
        backFace = new ElementaryFile(BACK_FACE_CAPACITY, new PinFile[] {pinA});
        // card authentication: anyone may ask the chip to prove itself, so no PIN
        cardAuthKey = new KeyFile(null);
    }

    public static void install(byte[] parameters, short offset, byte length) {
        new SurfaceApplet(parameters, offset, length).register(AID, (short) 0, (byte) AID.length);
    }

    CardFile findFile(short fid) {
        switch (fid) {
            case EF_AGE_RECORD: return ageRecord;
            case EF_FRONT_FACE: return frontFace;
            case EF_AP_INFO: return apInfo;
            case EF_SIGNER_CERT: return signerCertificate;
            case EF_BACK_FACE: return backFace;
            case EF_BIRTH_DATE_KEY: return birthDateKey;
            case EF_PIN_B: return pinB;
            case EF_PIN_A: return pinA;
            case EF_CARD_AUTH_KEY: return cardAuthKey;
            default: return null;
        }
    }

    /** {@code 80 2A 00 00}: the chip proves itself without a key EF selected, as the real card does (C8). */
    KeyFile applicationKey() {
        return cardAuthKey;
    }

    PinFile[] pins() {
        return pins;
    }

    short[] personalizedFids() {
        return PERSONALIZED;
    }

    /** An address or name change: the front face holds their images and the signature over them. */
    boolean isRenewable(short fid) {
        return fid == EF_FRONT_FACE;
    }

    boolean isPersonalized() {
        return cardAuthKey.isPersonalized()
                && birthDateKey.isPersonalized() && pinB.isPersonalized() && pinA.isPersonalized()
                && ageRecord.size() > 0 && frontFace.size() > 0 && apInfo.size() > 0
                && signerCertificate.size() > 0 && backFace.size() > 0;
    }
}
