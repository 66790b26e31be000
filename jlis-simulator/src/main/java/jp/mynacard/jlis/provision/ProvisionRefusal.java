package jp.mynacard.jlis.provision;

/** A request the four-attribute service refuses, with the kind of refusal and a message for the caller. */
public final class ProvisionRefusal extends RuntimeException {
    /** Each kind with the HTTP status the service answers it with (docs/four-attribute-service.md). */
    public enum Kind {
        MALFORMED(400),
        UNAUTHENTICATED(401),
        WITHDRAWN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        GONE(410),
        UNACCEPTABLE(422);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String reason;

    public ProvisionRefusal(Kind kind, String message) {
        this(kind, message, null);
    }

    /** @param reason a short machine-readable reason (e.g. {@code keyCompromise}), or null */
    public ProvisionRefusal(Kind kind, String message, String reason) {
        super(message);
        this.kind = kind;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    /** Why a certificate's attributes are gone, for a GONE refusal; null otherwise. */
    public String reason() {
        return reason;
    }
}
