package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.time.Instant;

/** A holder's consent that one provider may learn the attributes behind one signature certificate. */
public record Consent(String id, String providerId, BigInteger serial, State state, Instant consentedAt,
                      Instant withdrawnAt) {
    public enum State {
        ACTIVE,
        /** Withdrawn by the holder: final, the provider is refused from then on. */
        WITHDRAWN
    }
}
