package jp.mynacard.host.trust;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.mynacard.host.trust.ValidationResult.Status;

/**
 * Validates an X.509 certificate: first the path (signatures up to a trust anchor, validity at the
 * validation time) with the JDK's PKIX and revocation off, then revocation: OCSP (the JDK's
 * PKIX revocation checker, no CRL fallback) if enabled, else or when OCSP gives no answer the
 * given CRLs, else unavailable, which {@link Policy#FAIL_CLOSED} refuses and {@link Policy#SOFT_FAIL}
 * accepts. Immutable apart from a cache of loaded CRLs; thread safe.
 */
public final class CertificateValidator {

    /** What to do when no source gives a revocation status. */
    public enum Policy { FAIL_CLOSED, SOFT_FAIL }

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final CrlRevocation crls;
    private final boolean ocsp;
    private final Instant at;
    private final Policy policy;

    private CertificateValidator(Builder b) {
        this.anchors = List.copyOf(b.anchors);
        this.intermediates = List.copyOf(b.intermediates);
        this.crls = new CrlRevocation(b.crls);
        this.ocsp = b.ocsp;
        this.at = b.at;
        this.policy = b.policy;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ValidationResult validate(X509Certificate cert) {
        Objects.requireNonNull(cert, "cert");
        String subject = cert.getSubjectX500Principal().getName();
        List<X509Certificate> chain = chainFrom(cert);
        X509Certificate anchor = anchorFor(chain.get(chain.size() - 1));
        if (anchor == null) {
            return ValidationResult.failed(Status.UNKNOWN_ISSUER, subject, "issuer "
                    + chain.get(chain.size() - 1).getIssuerX500Principal().getName() + " is not trusted");
        }
        Instant when = at != null ? at : Instant.now();
        try {
            runPkix(chain, anchor, when, null);
        } catch (CertPathValidatorException e) {
            return pathFailure(e, subject);
        } catch (GeneralSecurityException e) {
            return ValidationResult.failed(Status.UNKNOWN_ISSUER, subject, e.getMessage());
        }
        List<String> why = new ArrayList<>();
        if (ocsp) {
            Optional<ValidationResult> r = ocsp(chain, anchor, when, subject, why);
            if (r.isPresent()) {
                return r.get();
            }
        }
        Optional<ValidationResult> r = crl(chain, anchor, when, subject, why);
        if (r.isPresent()) {
            return r.get();
        }
        String detail = why.isEmpty() ? "no OCSP and no CRL" : String.join("; ", why);
        return policy == Policy.SOFT_FAIL
                ? ValidationResult.valid(subject, ValidationResult.SOFT_FAIL, detail)
                : ValidationResult.failed(Status.REVOCATION_UNAVAILABLE, subject, detail);
    }

    /** The certificate and the intermediates above it, found by issuer name, up to one an anchor issued. */
    private List<X509Certificate> chainFrom(X509Certificate cert) {
        List<X509Certificate> chain = new ArrayList<>(List.of(cert));
        X509Certificate top = cert;
        while (anchorFor(top) == null && chain.size() < 10) { // 10: no loops, no absurd paths
            X509Certificate next = null;
            for (X509Certificate c : intermediates) {
                if (c.getSubjectX500Principal().equals(top.getIssuerX500Principal()) && !chain.contains(c)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            chain.add(next);
            top = next;
        }
        return chain;
    }

    private X509Certificate anchorFor(X509Certificate cert) {
        for (X509Certificate a : anchors) {
            if (a.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                return a;
            }
        }
        return null;
    }

    private void runPkix(List<X509Certificate> chain, X509Certificate anchor, Instant when,
                         PKIXRevocationChecker checker) throws GeneralSecurityException {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setDate(Date.from(when));
        params.setRevocationEnabled(checker != null);
        if (checker != null) {
            params.addCertPathChecker(checker);
        }
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    private static ValidationResult pathFailure(CertPathValidatorException e, String subject) {
        String msg = e.getMessage();
        if (e.getReason() == BasicReason.EXPIRED) {
            return ValidationResult.failed(Status.EXPIRED, subject, msg);
        }
        if (e.getReason() == BasicReason.NOT_YET_VALID) {
            return ValidationResult.failed(Status.NOT_YET_VALID, subject, msg);
        }
        if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
            return ValidationResult.failed(Status.SIGNATURE_INVALID, subject, msg);
        }
        // NO_TRUST_ANCHOR and everything else (constraints, key usage): no acceptable path to a trusted CA
        return ValidationResult.failed(Status.UNKNOWN_ISSUER, subject,
                e.getReason() == PKIXReason.NO_TRUST_ANCHOR ? "no path to a trusted CA" : msg);
    }

    /** OCSP's answer, or empty (with the reason added to {@code why}) when it had none. */
    private Optional<ValidationResult> ocsp(List<X509Certificate> chain, X509Certificate anchor, Instant when,
                                            String subject, List<String> why) {
        try {
            PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX")
                    .getRevocationChecker();
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
            runPkix(chain, anchor, when, checker);
            return Optional.of(ValidationResult.valid(subject, ValidationResult.OCSP, ""));
        } catch (CertPathValidatorException e) {
            if (e.getReason() == BasicReason.REVOKED && e.getCause() instanceof CertificateRevokedException r) {
                return Optional.of(ValidationResult.revoked(subject, r.getRevocationDate().toInstant(),
                        r.getRevocationReason(), ValidationResult.OCSP));
            }
            // UNDETERMINED_REVOCATION_STATUS, network failures, bad responses: the path itself was fine
            why.add("OCSP: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            why.add("OCSP: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The CRLs' answer for every certificate of the chain, or empty when one of them is not covered. */
    private Optional<ValidationResult> crl(List<X509Certificate> chain, X509Certificate anchor, Instant when,
                                           String subject, List<String> why) {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : anchor;
            String name = chain.get(i).getSubjectX500Principal().getName();
            CrlRevocation.Answer a = crls.check(chain.get(i), issuer, when, name);
            if (a.result().isEmpty()) {
                why.add("CRL: " + a.why());
                return Optional.empty();
            }
            ValidationResult r = a.result().get();
            if (!r.valid()) {
                return Optional.of(i == 0 ? r : new ValidationResult(r.status(), subject, r.revocationDate(),
                        r.reason(), r.source(), "the issuing CA " + name + " is " + r.status()));
            }
        }
        return Optional.of(ValidationResult.valid(subject, ValidationResult.CRL, ""));
    }

    public static final class Builder {
        private final List<X509Certificate> anchors = new ArrayList<>();
        private final List<X509Certificate> intermediates = new ArrayList<>();
        private final List<Path> crls = new ArrayList<>();
        private boolean ocsp = true;
        private Instant at;
        private Policy policy = Policy.FAIL_CLOSED;

        private Builder() {
        }

        public Builder trustAnchors(List<X509Certificate> certs) {
            anchors.addAll(certs);
            return this;
        }

        public Builder intermediates(List<X509Certificate> certs) {
            intermediates.addAll(certs);
            return this;
        }

        public Builder crls(List<Path> files) {
            crls.addAll(files);
            return this;
        }

        public Builder ocsp(boolean enabled) {
            this.ocsp = enabled;
            return this;
        }

        /** The validation time; default: the time of each {@link #validate} call. */
        public Builder at(Instant time) {
            this.at = time;
            return this;
        }

        public Builder policy(Policy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        public CertificateValidator build() {
            if (anchors.isEmpty()) {
                throw new IllegalStateException("no trust anchor");
            }
            return new CertificateValidator(this);
        }
    }
}
