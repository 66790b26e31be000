package jp.mynacard.host.trust;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CertificationPathBuilder} found for one certificate.
 *
 * @param valid   the paths PKIX accepted, in the builder's deterministic order (best first); may be empty
 * @param failure when {@code valid} is empty: the most specific reason (see the builder); otherwise null
 */
record PathSearch(List<CertificationPath> valid, ValidationResult failure) {
    PathSearch {
        valid = List.copyOf(valid);
        if (valid.isEmpty()) {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
