package jp.mynacard.host.kiosk;

/** The service has as many authentications in progress as it keeps challenges for: try again shortly. */
public final class ServiceBusyException extends RuntimeException {
    public ServiceBusyException(String message) {
        super(message);
    }
}
