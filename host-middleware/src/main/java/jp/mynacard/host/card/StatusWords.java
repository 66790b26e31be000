package jp.mynacard.host.card;

/** ISO 7816-4 status words the cards of this system answer, with their meaning for messages. */
public final class StatusWords {
    public static final int SW_NO_ERROR = 0x9000;
    public static final int SW_BYTES_REMAINING_00 = 0x6100;
    public static final int SW_VERIFY_FAILED_00 = 0x63C0;
    public static final int SW_WRONG_LENGTH = 0x6700;
    public static final int SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    public static final int SW_AUTHENTICATION_METHOD_BLOCKED = 0x6983;
    /** What the My Number card answers to a VERIFY of a PIN already blocked (spec §2, C6). */
    public static final int SW_REFERENCE_DATA_NOT_USABLE = 0x6984;
    public static final int SW_CONDITIONS_NOT_SATISFIED = 0x6985;
    public static final int SW_COMMAND_NOT_ALLOWED = 0x6986;
    public static final int SW_WRONG_DATA = 0x6A80;
    public static final int SW_FILE_NOT_FOUND = 0x6A82;
    public static final int SW_NOT_ENOUGH_SPACE = 0x6A84;
    public static final int SW_INCORRECT_P1P2 = 0x6A86;
    public static final int SW_WRONG_P1P2 = 0x6B00;
    public static final int SW_CORRECT_LENGTH_00 = 0x6C00;
    public static final int SW_INS_NOT_SUPPORTED = 0x6D00;
    public static final int SW_CLA_NOT_SUPPORTED = 0x6E00;
    public static final int SW_UNKNOWN = 0x6F00;

    private StatusWords() {
    }

    /** "6982 (security status not satisfied)" — for error messages and logs. */
    public static String describe(int sw) {
        String hex = String.format("%04X", sw);
        if ((sw & 0xFFF0) == SW_VERIFY_FAILED_00) {
            return hex + " (verification failed, " + (sw & 0x0F) + " tries left)";
        }
        String meaning = switch (sw) {
            case SW_NO_ERROR -> "success";
            case SW_WRONG_LENGTH -> "wrong length";
            case SW_SECURITY_STATUS_NOT_SATISFIED -> "security status not satisfied";
            case SW_AUTHENTICATION_METHOD_BLOCKED -> "authentication method blocked";
            case SW_REFERENCE_DATA_NOT_USABLE -> "reference data not usable (PIN blocked)";
            case SW_CONDITIONS_NOT_SATISFIED -> "conditions of use not satisfied";
            case SW_COMMAND_NOT_ALLOWED -> "command not allowed";
            case SW_WRONG_DATA -> "wrong data";
            case SW_FILE_NOT_FOUND -> "file or application not found";
            case SW_NOT_ENOUGH_SPACE -> "not enough memory space in the file";
            case SW_INCORRECT_P1P2 -> "incorrect P1-P2";
            case SW_WRONG_P1P2 -> "offset outside the file";
            case SW_INS_NOT_SUPPORTED -> "instruction not supported";
            case SW_CLA_NOT_SUPPORTED -> "class not supported";
            case SW_UNKNOWN -> "no precise diagnosis (uncaught exception on the card)";
            default -> null;
        };
        return meaning == null ? hex : hex + " (" + meaning + ")";
    }
}
