package jp.mynacard.myna;

import java.io.IOException;
import java.io.UncheckedIOException;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.CardInUseException;
import jp.mynacard.host.card.CardIoException;
import jp.mynacard.host.card.CardRemovedException;
import jp.mynacard.host.card.NotJpkiCardException;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.cardface.CardDataNotGenuineException;
import jp.mynacard.host.reader.ReaderSelectionException;
import jp.mynacard.model.card.InvalidPinFormatException;
import jp.mynacard.model.card.MalformedCardDataException;

/** The exit codes of {@code myna} (listed in {@link Myna}'s javadoc) and the one-line message for each failure. */
enum ExitCode {
    OK(0),
    FAILED(1),
    USAGE(2),
    NO_READER(3),
    CARD_IO(4),
    NOT_JPKI(5),
    WRONG_PIN(6),
    PIN_BLOCKED(7),
    PIN_FORMAT(8),
    PIN_REQUIRED(9),
    FILE(10),
    CARD_DATA(11),
    NOT_GENUINE(12),
    /** {@code cms verify}: the signature, its content or its signer's certificate is NOT valid. */
    NOT_VALID(13);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The failure as the user reads it: one line, no PIN (no exception here ever carries one). */
    record Failure(ExitCode exit, String message) {
    }

    static Failure of(Throwable e) {
        if (e instanceof WrongPinException w) {
            return new Failure(WRONG_PIN, "wrong PIN, " + w.triesLeft() + (w.triesLeft() == 1 ? " try" : " tries") + " left");
        }
        if (e instanceof PinBlockedException) {
            return new Failure(PIN_BLOCKED, "PIN blocked");
        }
        if (e instanceof SecurityStatusNotSatisfiedException) {
            return new Failure(PIN_REQUIRED, "the card refused: PIN not verified");
        }
        if (e instanceof NotJpkiCardException) {
            return new Failure(NOT_JPKI, "not a My Number card (no JPKI application)");
        }
        if (e instanceof ApplicationNotFoundException) {
            return new Failure(NOT_JPKI, "not a My Number card (" + e.getMessage() + ")");
        }
        if (e instanceof CardDataNotGenuineException) {
            return new Failure(NOT_GENUINE, "NOT genuine: " + e.getMessage());
        }
        if (e instanceof MalformedCardDataException) {
            return new Failure(CARD_DATA, "the card's data is corrupt: " + e.getMessage());
        }
        if (e instanceof CardRemovedException) {
            return new Failure(CARD_IO, "card removed");
        }
        if (e instanceof CardInUseException) {
            return new Failure(CARD_IO, e.getMessage());
        }
        if (e instanceof CardIoException) {
            return new Failure(CARD_IO, e.getMessage());
        }
        if (e instanceof ReaderSelectionException) {
            return new Failure(NO_READER, e.getMessage());
        }
        if (e instanceof InvalidPinFormatException) {
            return new Failure(PIN_FORMAT, e.getMessage());
        }
        if (e instanceof PinUnavailableException) {
            return new Failure(PIN_REQUIRED, e.getMessage());
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return new Failure(FILE, e.getMessage());
        }
        if (e instanceof jp.mynacard.host.cms.CmsSigningException) {
            return new Failure(FAILED, e.getMessage());
        }
        if (e instanceof jp.mynacard.host.jpki.CertificateAbsentException) {
            return new Failure(FAILED, e.getMessage());
        }
        if (e instanceof CardCommandException) {
            return new Failure(FAILED, e.getMessage());
        }
        return new Failure(FAILED, "internal error: " + e);
    }
}
