package jp.mynacard.myna;

/** No PIN was given and there is no terminal to ask for one. */
final class PinUnavailableException extends RuntimeException {
    PinUnavailableException(String message) {
        super(message);
    }
}
