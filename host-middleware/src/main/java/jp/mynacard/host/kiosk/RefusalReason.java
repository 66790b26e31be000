package jp.mynacard.host.kiosk;

/** Why the service refused an authentication; {@link Refusal} carries the clerk's sentence. */
public enum RefusalReason {
    /** The response names a challenge this service never issued (or forgot long ago). */
    CHALLENGE_UNKNOWN,
    /** The challenge was already answered once: a replayed response. */
    CHALLENGE_REPLAYED,
    /** The response came after the challenge's lifetime. */
    CHALLENGE_EXPIRED,
    /** The response does not parse, or its certificate is not X.509. */
    MALFORMED_RESPONSE,
    /** The signature is not the certificate's key's signature over the challenge. */
    SIGNATURE_INVALID,
    /** The certificate failed validation (path or revocation): see {@link Refusal#validation()}. */
    CERTIFICATE_NOT_VALID
}
