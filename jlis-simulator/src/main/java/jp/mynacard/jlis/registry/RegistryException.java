package jp.mynacard.jlis.registry;

/** A change the registry refuses; the message says why in words an operator understands. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
