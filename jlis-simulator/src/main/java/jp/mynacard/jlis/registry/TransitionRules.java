package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.util.Locale;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * Which changes the centre accepts (see {@link RevocationRegistry}): each check either says the
 * change must be written, says it already happened (the caller answers with the current record),
 * or throws with a message for the operator.
 */
final class TransitionRules {
    private TransitionRules() {
    }

    /** Checks what does not depend on the certificate's state; call before looking it up. */
    static void checkReason(CertificateUsage usage, RevocationReason reason) {
        if (reason == null) {
            throw new IllegalArgumentException("a revocation needs a reason");
        }
        if (reason == RevocationReason.CERTIFICATE_HOLD) {
            throw new InvalidTransitionException("certificateHold is the 24-hour stop: suspend the certificate "
                    + "instead of revoking it");
        }
        if (reason == RevocationReason.AFFILIATION_CHANGED && usage == CertificateUsage.USER_AUTHENTICATION) {
            throw new InvalidTransitionException("authentication certificates are not revoked when the address or "
                    + "name changes (affiliationChanged applies to signature certificates only)");
        }
    }

    /** @return true if the suspension must be written, false if the certificate is already suspended */
    static boolean suspensionNeeded(CertificateRecord current) {
        return switch (current.state()) {
            case GOOD -> true;
            case SUSPENDED -> false;
            case REVOKED -> throw new InvalidTransitionException(describe(current) + " is already revoked ("
                    + current.reason().rfcName() + "); a revoked certificate cannot be suspended");
        };
    }

    /** @return true if the revocation must be written, false if it is already revoked for that reason */
    static boolean revocationNeeded(CertificateRecord current, RevocationReason reason) {
        return switch (current.state()) {
            case GOOD, SUSPENDED -> true;
            case REVOKED -> {
                if (current.reason() == reason) {
                    yield false;
                }
                throw new InvalidTransitionException(describe(current) + " is already revoked ("
                        + current.reason().rfcName() + "); it cannot be revoked again as " + reason.rfcName());
            }
        };
    }

    static String describe(CertificateRecord record) {
        return "certificate " + hex(record.serial()) + " of the " + record.usage().displayName() + " CA";
    }

    static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }
}
