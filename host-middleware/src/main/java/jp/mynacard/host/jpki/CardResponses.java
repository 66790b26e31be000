package jp.mynacard.host.jpki;

import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.card.StatusWords;
import jp.mynacard.host.card.WrongPinException;

/** Maps the JPKI AP's status words to the typed failures a caller can act on. */
final class CardResponses {
    private CardResponses() {
    }

    /** 9000 passes; 6982 means a PIN is missing; anything else is unexpected. */
    static ResponseAPDU requireSuccess(ResponseAPDU response, String command) {
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
    static void requireVerified(ResponseAPDU response, String command) {
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
}
