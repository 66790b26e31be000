package jp.mynacard.model.card;

/**
 * Every elementary file of every application, with its file identifier (spec §3–§5): the one
 * table the host library and the bureau take FIDs from. The applets keep their own constants
 * (the converter needs them); AppletConstantsTest asserts they equal these.
 */
public enum CardFile {
    JPKI_TOKEN(CardApplication.JPKI, 0x0006),
    JPKI_CERTIFICATE_AVAILABILITY(CardApplication.JPKI, 0x0008),
    JPKI_AUTH_CERT(CardApplication.JPKI, 0x000A),
    JPKI_AUTH_CA_CERT(CardApplication.JPKI, 0x000B),
    JPKI_SIGN_CERT(CardApplication.JPKI, 0x0001),
    JPKI_SIGN_CA_CERT(CardApplication.JPKI, 0x0002),
    JPKI_AUTH_KEY(CardApplication.JPKI, 0x0017),
    JPKI_AUTH_PIN(CardApplication.JPKI, 0x0018),
    JPKI_SIGN_KEY(CardApplication.JPKI, 0x001A),
    JPKI_SIGN_PIN(CardApplication.JPKI, 0x001B),

    INPUT_HELPER_MY_NUMBER(CardApplication.INPUT_HELPER, 0x0001),
    INPUT_HELPER_ATTRIBUTES(CardApplication.INPUT_HELPER, 0x0002),
    INPUT_HELPER_SIGNATURE(CardApplication.INPUT_HELPER, 0x0003),
    INPUT_HELPER_SIGNER_CERT(CardApplication.INPUT_HELPER, 0x0004),
    INPUT_HELPER_AP_BASIC_DATA(CardApplication.INPUT_HELPER, 0x0005),
    INPUT_HELPER_PIN(CardApplication.INPUT_HELPER, 0x0011),
    INPUT_HELPER_PIN_A(CardApplication.INPUT_HELPER, 0x0014),
    INPUT_HELPER_PIN_B(CardApplication.INPUT_HELPER, 0x0015),

    SURFACE_AGE_RECORD(CardApplication.SURFACE, 0x0001),
    SURFACE_FRONT_FACE(CardApplication.SURFACE, 0x0002),
    SURFACE_AP_INFO(CardApplication.SURFACE, 0x0003),
    SURFACE_SIGNER_CERT(CardApplication.SURFACE, 0x0004),
    SURFACE_BACK_FACE(CardApplication.SURFACE, 0x0005),
    SURFACE_BIRTH_DATE_KEY(CardApplication.SURFACE, 0x0011),
    SURFACE_PIN_B(CardApplication.SURFACE, 0x0012),
    SURFACE_PIN_A(CardApplication.SURFACE, 0x0013),
    SURFACE_CARD_AUTH_KEY(CardApplication.SURFACE, 0x0017);

    private final CardApplication application;
    private final int fid;

    CardFile(CardApplication application, int fid) {
        this.application = application;
        this.fid = fid;
    }

    /** The application whose DF holds the file. */
    public CardApplication application() {
        return application;
    }

    /** The two-byte file identifier, for SELECT by FID. */
    public int fid() {
        return fid;
    }
}
