package jp.mynacard.jlis.smartphone;

/** A phone's certificate request the centre refuses, nothing issued: the kind of refusal and a sentence for the caller. */
public final class SmartphoneRefusal extends RuntimeException {
    /** Each kind with the HTTP status the admin API answers it with (docs/smartphone-certificates.md). */
    public enum Kind {
        /** Not what the request must be made of: a certificate that does not parse. */
        MALFORMED(400),
        /** The card's signature certificate is suspended, revoked or expired: it cannot vouch right now. */
        CARD_NOT_GOOD(409),
        /** Well formed, but no proof: a certificate not of this centre or a phone's, a proof that does not verify, keys the centre will not certify. */
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

    public SmartphoneRefusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
