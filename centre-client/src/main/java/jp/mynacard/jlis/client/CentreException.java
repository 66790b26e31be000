package jp.mynacard.jlis.client;

/** The centre refused a request (HTTP status and its message), or could not be reached (status 0). */
public final class CentreException extends RuntimeException {
    private final int status;

    public CentreException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, 0 when the centre was not reached at all. */
    public int status() {
        return status;
    }
}
