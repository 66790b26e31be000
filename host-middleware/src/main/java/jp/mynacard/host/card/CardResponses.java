package jp.mynacard.host.card;

import javax.smartcardio.ResponseAPDU;

/** Maps the status words every AP of the card answers (spec §2) to the typed failures a caller can act on. */
public final class CardResponses {
    private CardResponses() {
    }

    /** 9000 passes; 6982 means a PIN is missing; anything else is unexpected. */
    public static ResponseAPDU requireSuccess(ResponseAPDU response, String command) {
        int sw = response.getSW();
        if (sw == StatusWords.SW_NO_ERROR) {
            return response;
        }
        if (sw == StatusWords.SW_SECURITY_STATUS_NOT_SATISFIED) {
            throw new SecurityStatusNotSatisfiedException(command);
        }
        throw new CardCommandException(command, sw);
    }

    /**
     * VERIFY with a PIN: 63Cx is a wrong PIN (blocked once x reaches 0); 6984, the My Number
     * card's answer once a PIN is blocked, and 6983, other cards', mean already blocked.
     */
    public static void requireVerified(ResponseAPDU response, String command) {
        int sw = response.getSW();
        if ((sw & 0xFFF0) == StatusWords.SW_VERIFY_FAILED_00) {
            if ((sw & 0x0F) == 0) {
                throw new PinBlockedException(command, sw);
            }
            throw new WrongPinException(command, sw);
        }
        if (isBlocked(sw)) {
            throw new PinBlockedException(command, sw);
        }
        requireSuccess(response, command);
    }

    /**
     * VERIFY with no data: the tries left (63Cx), read without spending one.
     *
     * @throws PinBlockedException if the card answers 6983 or 6984 (not the My Number card's answer, which is 63C0)
     */
    public static int triesLeft(ResponseAPDU response, String command) {
        int sw = response.getSW();
        if ((sw & 0xFFF0) == StatusWords.SW_VERIFY_FAILED_00) {
            return sw & 0x0F;
        }
        if (isBlocked(sw)) {
            throw new PinBlockedException(command, sw);
        }
        throw new CardCommandException(command, sw);
    }

    private static boolean isBlocked(int sw) {
        return sw == StatusWords.SW_REFERENCE_DATA_NOT_USABLE || sw == StatusWords.SW_AUTHENTICATION_METHOD_BLOCKED;
    }
}
