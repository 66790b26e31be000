package jp.mynacard.host.trust;

import java.security.cert.PKIXParameters;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The certificate policy inputs of path validation (RFC 5280 §6.1.1 (c), (e), (f), (g)): the
 * policies the relying party accepts and the three switches. The defaults (any policy, nothing
 * required or inhibited) accept every path, as before these inputs existed.
 *
 * @param initialPolicies      the acceptable policy OIDs; empty means any policy
 * @param explicitPolicyRequired the path must be valid for at least one of them
 * @param policyMappingInhibited policy mappings of the CAs are not followed
 * @param anyPolicyInhibited   a CA's anyPolicy does not stand for the policies asked for
 */
record PolicyInputs(Set<String> initialPolicies, boolean explicitPolicyRequired, boolean policyMappingInhibited,
                    boolean anyPolicyInhibited) {

    static final PolicyInputs ANY = new PolicyInputs(Set.of(), false, false, false);

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    PolicyInputs {
        for (String oid : initialPolicies) {
            if (!OID.matcher(oid).matches()) {
                throw new IllegalArgumentException("not a policy OID: " + oid);
            }
        }
        initialPolicies = Collections.unmodifiableSortedSet(new TreeSet<>(initialPolicies)); // sorted: for describe()
    }

    void applyTo(PKIXParameters params) {
        params.setInitialPolicies(initialPolicies); // empty: any policy, as the JDK's default
        params.setExplicitPolicyRequired(explicitPolicyRequired);
        params.setPolicyMappingInhibited(policyMappingInhibited);
        params.setAnyPolicyInhibited(anyPolicyInhibited);
    }

    /** "accepted: 1.2.3; explicit policy required", for the detail of a refusal. */
    String describe() {
        StringBuilder s = new StringBuilder(initialPolicies.isEmpty() ? "accepted: any policy"
                : "accepted: " + String.join(", ", initialPolicies));
        if (explicitPolicyRequired) {
            s.append("; explicit policy required");
        }
        if (policyMappingInhibited) {
            s.append("; policy mapping inhibited");
        }
        if (anyPolicyInhibited) {
            s.append("; anyPolicy inhibited");
        }
        return s.toString();
    }
}
