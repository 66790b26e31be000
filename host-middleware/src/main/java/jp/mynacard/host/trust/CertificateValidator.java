package jp.mynacard.host.trust;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import jp.mynacard.host.trust.ValidationResult.Status;

/**
 * Validates an X.509 certificate: first the paths up to a trust anchor ({@link CertificationPathBuilder}:
 * by name and key identifier, with backtracking, each checked by the JDK's PKIX with revocation off:
 * signatures, validity at the validation time, policies), then, path by path until one is good,
 * the revocation status of every certificate of the path, each from the first
 * {@link RevocationSource} that answers: OCSP ({@link OcspClient}), the CRL files given, the CRLs
 * the certificate points to ({@link CrlDownloads}), then any the caller added. When none answers, {@link Policy#FAIL_CLOSED} (the default) refuses with every source's reason and
 * {@link Policy#SOFT_FAIL} accepts with them as a note. See docs/host-trust.md.
 *
 * <p>Immutable apart from caches of CRLs and fetched CA certificates; thread safe. Keep one per
 * application: the fetched CRLs are cached in it until their nextUpdate.
 */
public final class CertificateValidator {

    /** What to do when no source gives a revocation status. */
    public enum Policy { FAIL_CLOSED, SOFT_FAIL }

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    /** The paths to a trust anchor, by name and key identifier, PKIX-checked (revocation off). */
    private final CertificationPathBuilder paths;
    /** Asked in order for each certificate of the path; the first that answers decides. */
    private final List<RevocationSource> sources;
    private final Instant at;
    private final Clock clock;
    private final Policy policy;

    private CertificateValidator(Builder b) {
        CaIssuersDownloads downloads = b.fetchCaIssuers
                ? new CaIssuersDownloads(new RevocationHttp(b.connectTimeout, b.readTimeout)) : null;
        this.paths = new CertificationPathBuilder(b.anchors, b.intermediates, downloads,
                new PolicyInputs(b.initialPolicies, b.requireExplicitPolicy, b.inhibitPolicyMapping,
                        b.inhibitAnyPolicy));
        this.sources = sources(b, new CrlSigners(new CrlSignerPaths(b.anchors, b.intermediates, downloads)));
        this.at = b.at;
        this.clock = b.clock;
        this.policy = b.policy;
    }

    private static List<RevocationSource> sources(Builder b, CrlSigners signers) {
        List<RevocationSource> sources = new ArrayList<>();
        RevocationHttp http = b.ocsp || b.fetchCrls ? new RevocationHttp(b.connectTimeout, b.readTimeout) : null;
        if (b.ocsp) {
            sources.add(new OcspClient(http, b.ocspUrl, b.nonce, b.clockSkew, b.maxResponseAge, b.clock));
        }
        // no files but fetching on: nothing to say about the files; fetching off: "no CRL given" is the reason
        if (!b.crls.isEmpty() || !b.fetchCrls) {
            sources.add(new CrlRevocation(b.crls, b.clockSkew, b.clock, signers));
        }
        if (b.fetchCrls) {
            sources.add(new CrlDownloads(http, b.clock, b.clockSkew, signers));
        }
        sources.addAll(b.extraSources);
        return List.copyOf(sources);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ValidationResult validate(X509Certificate cert) {
        Objects.requireNonNull(cert, "cert");
        String subject = cert.getSubjectX500Principal().getName();
        Instant when = at != null ? at : clock.instant();
        PathSearch search = paths.validPaths(cert, when);
        if (search.valid().isEmpty()) {
            return search.failure();
        }
        // the first path whose every certificate is good wins; else a revocation found on one beats "unavailable"
        ValidationResult refused = null;
        String unavailable = null;
        for (CertificationPath path : search.valid()) {
            List<String> why = new ArrayList<>();
            PathRevocation answer = revocation(path.certificates(), path.anchor(), when, subject, why);
            Optional<ValidationResult> r = answer.result();
            if (r.isPresent() && (r.get().valid() || answer.ofTarget())) {
                // another path may avoid a revoked CA certificate, never a revoked certificate itself
                return r.get();
            }
            if (r.isPresent()) {
                refused = refused == null ? r.get() : refused;
            } else if (unavailable == null) {
                unavailable = why.isEmpty() ? "no OCSP and no CRL" : String.join("; ", why);
            }
        }
        if (refused != null) {
            return refused;
        }
        return policy == Policy.SOFT_FAIL
                ? ValidationResult.valid(subject, ValidationResult.SOFT_FAIL, unavailable)
                : ValidationResult.failed(Status.REVOCATION_UNAVAILABLE, subject, unavailable);
    }

    /**
     * The revocation answer for every certificate of the chain: the first that is not valid, or valid
     * (with the end entity's source); empty, with the reasons in {@code why}, when one has no answer.
     */
    private PathRevocation revocation(List<X509Certificate> chain, X509Certificate anchor, Instant when,
                                      String subject, List<String> why) {
        String source = null;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : anchor;
            String name = chain.get(i).getSubjectX500Principal().getName();
            Optional<ValidationResult> found = status(new RevocationQuery(chain.get(i), issuer, anchor, when, name),
                    i == 0 ? "" : " (of the issuing CA " + name + ")", why);
            if (found.isEmpty()) {
                return new PathRevocation(Optional.empty(), false);
            }
            ValidationResult r = found.get();
            notes.addAll(r.notes());
            if (!r.valid()) {
                return new PathRevocation(Optional.of(i == 0 ? r : new ValidationResult(r.status(), subject,
                        r.revocationDate(), r.reason(), r.source(), "the issuing CA " + name + " is " + r.status(), notes)),
                        i == 0);
            }
            source = source == null ? r.source() : source;
        }
        return new PathRevocation(Optional.of(ValidationResult.valid(subject, source, "").noting(notes)), false);
    }

    /** The revocation answer for one path, and whether a refusal is of the certificate itself (no other path helps). */
    private record PathRevocation(Optional<ValidationResult> result, boolean ofTarget) {
    }

    /** The first answer of the sources, in order; each silent one adds its reason to {@code why}. */
    private Optional<ValidationResult> status(RevocationQuery query, String of, List<String> why) {
        List<String> notes = new ArrayList<>();
        for (RevocationSource source : sources) {
            RevocationAnswer a = source.check(query);
            a.used().forEach(n -> notes.add(source.label() + of + ": " + n));
            if (a.result().isPresent()) {
                return a.result().map(r -> r.noting(notes));
            }
            why.add(source.label() + of + ": " + a.why());
        }
        return Optional.empty();
    }

    public static final class Builder {
        private final List<X509Certificate> anchors = new ArrayList<>();
        private final List<X509Certificate> intermediates = new ArrayList<>();
        private final List<Path> crls = new ArrayList<>();
        private final List<RevocationSource> extraSources = new ArrayList<>();
        private boolean ocsp = true;
        private boolean fetchCrls = true;
        private boolean fetchCaIssuers = true;
        private Set<String> initialPolicies = Set.of();
        private boolean requireExplicitPolicy;
        private boolean inhibitPolicyMapping;
        private boolean inhibitAnyPolicy;
        private URI ocspUrl;
        private boolean nonce = true;
        private Duration maxResponseAge;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Clock clock = Clock.systemUTC();
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

        /** A further source, asked after OCSP and the CRLs when none of them answered. */
        public Builder revocationSource(RevocationSource source) {
            extraSources.add(Objects.requireNonNull(source, "source"));
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

        /** Ask this OCSP responder instead of the one the certificate names (default: the certificate's). */
        public Builder ocspUrl(URI url) {
            this.ocspUrl = url;
            return this;
        }

        /** Send a random nonce with every OCSP request and require it back (default: on). */
        public Builder nonce(boolean enabled) {
            this.nonce = enabled;
            return this;
        }

        /** Refuse OCSP responses whose thisUpdate is older than this (default: none, only nextUpdate counts). */
        public Builder maxResponseAge(Duration age) {
            this.maxResponseAge = nonNegative(age, "maxResponseAge");
            return this;
        }

        /** How far the responder's and the CA's clocks may be off ours (default 5 minutes). */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = nonNegative(Objects.requireNonNull(skew, "skew"), "clockSkew");
            return this;
        }

        /** Fetch the CRLs the certificates point to when OCSP and the given files have no answer (default: on). */
        public Builder fetchCrls(boolean enabled) {
            this.fetchCrls = enabled;
            return this;
        }

        /**
         * Fetch the certificates of an issuer from the certificate's authorityInfoAccess caIssuers
         * URL when the anchors and intermediates given make no valid path (default: on).
         */
        public Builder fetchCaIssuers(boolean enabled) {
            this.fetchCaIssuers = enabled;
            return this;
        }

        /**
         * The certificate policies accepted (RFC 5280 §6.1.1 (c)), as dotted OIDs, e.g.
         * {@link JpkiPolicy#oid()}; empty (the default): any policy. They restrict the path only
         * where a CA requires an explicit policy, or with {@link #requireExplicitPolicy}.
         */
        public Builder initialPolicies(Set<String> oids) {
            this.initialPolicies = Set.copyOf(oids);
            new PolicyInputs(initialPolicies, false, false, false); // refuses a malformed OID here, not at validation
            return this;
        }

        /** The path must be valid for one of the {@link #initialPolicies} (default: off). */
        public Builder requireExplicitPolicy(boolean required) {
            this.requireExplicitPolicy = required;
            return this;
        }

        /** Do not follow the CAs' policy mappings (default: off). */
        public Builder inhibitPolicyMapping(boolean inhibited) {
            this.inhibitPolicyMapping = inhibited;
            return this;
        }

        /** A CA certificate's anyPolicy does not stand for the policies asked for (default: off). */
        public Builder inhibitAnyPolicy(boolean inhibited) {
            this.inhibitAnyPolicy = inhibited;
            return this;
        }

        /** How long to wait for a connection to a responder or CRL server (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long to wait, once connected, for the whole answer (default 10 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** The clock for "now": the validation time by default and the freshness of OCSP responses and CRLs. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static Duration nonNegative(Duration d, String what) {
            if (d != null && d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
            return d;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        public CertificateValidator build() {
            if (anchors.isEmpty()) {
                throw new IllegalStateException("no trust anchor");
            }
            return new CertificateValidator(this);
        }
    }
}
