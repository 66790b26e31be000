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

    /** VERIFY with a PIN: 63Cx is a wrong PIN (blocked once x reaches 0), 6983 already blocked. */
    public static void requireVerified(ResponseAPDU response, String command) {
        int sw = response.getSW();
        if ((sw & 0xFFF0) == StatusWords.SW_VERIFY_FAILED_00) {
            if ((sw & 0x0F) == 0) {
                throw new PinBlockedException(command, sw);
            }
            throw new WrongPinException(command, sw);
        }
        if (sw == StatusWords.SW_AUTHENTICATION_METHOD_BLOCKED) {
            throw new PinBlockedException(command, sw);
        }
        requireSuccess(response, command);
    }

    /**
     * VERIFY with no data: the tries left (63Cx), read without spending one.
     *
     * @throws PinBlockedException if the card answers 6983
     */
    public static int triesLeft(ResponseAPDU response, String command) {
        int sw = response.getSW();
        if ((sw & 0xFFF0) == StatusWords.SW_VERIFY_FAILED_00) {
            return sw & 0x0F;
        }
        if (sw == StatusWords.SW_AUTHENTICATION_METHOD_BLOCKED) {
            throw new PinBlockedException(command, sw); // not our APs' answer, but some cards' once blocked
        }
        throw new CardCommandException(command, sw);
    }
}
