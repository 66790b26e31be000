package jp.mynacard.host.kiosk;

import java.security.cert.X509Certificate;
import jp.mynacard.host.trust.ValidationResult;

/** What {@link HolderVerifier#verify} decided: accepted with the holder's certificate, or refused and why. */
public sealed interface Verdict {

    /** The holder proved possession of a valid user-authentication certificate's key, just now. */
    record Accepted(X509Certificate certificate, ValidationResult validation) implements Verdict {
    }

    record Refused(Refusal refusal) implements Verdict {
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
