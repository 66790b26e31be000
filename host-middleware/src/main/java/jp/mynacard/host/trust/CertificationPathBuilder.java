package jp.mynacard.host.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import jp.mynacard.host.trust.ValidationResult.Status;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * Finds the paths from a certificate up to a trust anchor and keeps those the JDK's PKIX accepts
 * (revocation off, at the validation time, with the {@link PolicyInputs}), each checked against its
 * single anchor.
 *
 * <p>Depth first with backtracking over every candidate issuer ({@link IssuerCandidates}: name and
 * key identifier; the anchors, then the intermediates given): a dead end, an expired or wrongly
 * signed certificate does not stop the search. No public key appears twice in a path, nor a CA
 * certificate of the anchor's key (a path that comes back to a key is a detour of a shorter one);
 * a path holds at most {@value #MAX_DEPTH} certificates and at most {@value #MAX_PATHS} complete
 * paths are checked, so a hostile bundle cannot make the search explode. The order of the anchors
 * and intermediates given changes nothing.
 *
 * <p>When the certificates given make no valid path and caIssuers fetching is on, the search runs
 * again with the certificates each certificate's authorityInfoAccess caIssuers URLs publish
 * ({@link CaIssuersDownloads}): a validator with everything it needs never touches the network.
 *
 * <p>Thread safe.
 */
final class CertificationPathBuilder {
    /** Certificates in a path, the anchor not counted. */
    static final int MAX_DEPTH = 10;
    /** Complete paths checked by PKIX in one search. */
    static final int MAX_PATHS = 64;

    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final CaIssuersDownloads caIssuers;
    private final PolicyInputs policies;
    private final Map<X509Certificate, Boolean> selfSigned = new ConcurrentHashMap<>();

    /**
     * @param caIssuers null: fetch nothing
     */
    CertificationPathBuilder(Collection<X509Certificate> anchors, Collection<X509Certificate> intermediates,
                             CaIssuersDownloads caIssuers, PolicyInputs policies) {
        this.anchors = IssuerCandidates.ordered(anchors);
        // an anchor given among the intermediates too is an anchor: a path ends there
        this.intermediates = IssuerCandidates.ordered(intermediates.stream().filter(c -> !this.anchors.contains(c))
                .toList());
        this.caIssuers = caIssuers;
        this.policies = policies;
    }

    /** The PKIX-valid paths of {@code target} at {@code when}, ending at any anchor (a list, not lazy). */
    PathSearch validPaths(X509Certificate target, Instant when) {
        return validPaths(target, when, null);
    }

    /**
     * The PKIX-valid paths of {@code target} at {@code when} that end at {@code requiredAnchor} (null:
     * any anchor), e.g. for a CRL issuer, whose path must end where the certificate's did (RFC 5280
     * §6.3.3 (f)).
     */
    PathSearch validPaths(X509Certificate target, Instant when, X509Certificate requiredAnchor) {
        Search given = new Search(target, when, requiredAnchor, false);
        given.extend(new ArrayList<>(List.of(target)));
        if (!given.valid.isEmpty() || caIssuers == null || !given.sawCaIssuers) {
            return given.result();
        }
        Search fetching = new Search(target, when, requiredAnchor, true);
        fetching.extend(new ArrayList<>(List.of(target)));
        return fetching.result();
    }

    /**
     * Every certificate the builder knows, each once, newest first: the anchors, the intermediates
     * given and those fetched from caIssuers URLs so far (e.g. to find a CRL signer's certificate).
     */
    Collection<X509Certificate> candidates() {
        List<X509Certificate> all = new ArrayList<>(anchors);
        all.addAll(intermediates);
        if (caIssuers != null) {
            all.addAll(caIssuers.fetched());
        }
        return IssuerCandidates.ordered(all);
    }

    /** One search: the valid paths found, and the most specific failure so far. */
    private final class Search {
        private final X509Certificate target;
        private final Instant when;
        private final X509Certificate requiredAnchor;
        private final boolean fetch;
        private final List<CertificationPath> valid = new ArrayList<>();
        private final Set<String> fetchFailures = new LinkedHashSet<>();
        private ValidationResult failure;
        /** Where PKIX failed in the path of {@link #failure}: lower is nearer the target, more specific. */
        private int failureIndex = Integer.MAX_VALUE;
        private List<X509Certificate> longestDeadEnd = List.of();
        private int checked;
        private boolean sawCaIssuers;

        Search(X509Certificate target, Instant when, X509Certificate requiredAnchor, boolean fetch) {
            this.target = target;
            this.when = when;
            this.requiredAnchor = requiredAnchor;
            this.fetch = fetch;
        }

        void extend(List<X509Certificate> path) {
            X509Certificate top = path.get(path.size() - 1);
            boolean onward = false;
            for (X509Certificate anchor : IssuerCandidates.of(top, anchors)) {
                // a path whose CA certificates come back to the anchor's own key is a detour of a shorter one
                if (checked < MAX_PATHS && (requiredAnchor == null || anchor.equals(requiredAnchor))
                        && !keyInPath(path.subList(1, path.size()), anchor)) {
                    onward = true;
                    check(path, anchor);
                }
            }
            sawCaIssuers |= !PublicationPoints.caIssuers(top).isEmpty();
            if (path.size() < MAX_DEPTH) {
                for (X509Certificate issuer : IssuerCandidates.of(top, pool(top))) {
                    // a self-signed certificate that is no anchor is a root nobody trusts, never a link:
                    // a path through it could only end in a signature its anchor did not make
                    if (checked < MAX_PATHS && !anchors.contains(issuer) && !keyInPath(path, issuer)
                            && !selfSigned(issuer)) {
                        onward = true;
                        path.add(issuer);
                        extend(path);
                        path.remove(path.size() - 1);
                    }
                }
            }
            if (!onward && path.size() > longestDeadEnd.size()) {
                longestDeadEnd = List.copyOf(path);
            }
        }

        private Collection<X509Certificate> pool(X509Certificate top) {
            if (!fetch) {
                return intermediates;
            }
            List<String> why = new ArrayList<>();
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.addAll(caIssuers.issuersOf(top, why));
            fetchFailures.addAll(why);
            return pool;
        }

        private void check(List<X509Certificate> path, X509Certificate anchor) {
            checked++;
            try {
                runPkix(path, anchor);
                valid.add(new CertificationPath(path, anchor));
            } catch (CertPathValidatorException e) {
                consider(pathFailure(e), e.getIndex() >= 0 ? e.getIndex() : path.size());
            } catch (GeneralSecurityException e) {
                consider(ValidationResult.failed(Status.UNKNOWN_ISSUER, subject(), e.getMessage()), path.size());
            }
        }

        /** Keeps the failure nearest the target; on a tie the first found, the search order being deterministic. */
        private void consider(ValidationResult r, int index) {
            if (index < failureIndex) {
                failure = r;
                failureIndex = index;
            }
        }

        private void runPkix(List<X509Certificate> path, X509Certificate anchor) throws GeneralSecurityException {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            params.setDate(Date.from(when));
            params.setRevocationEnabled(false); // revocation is the validator's, path by path
            policies.applyTo(params);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        }

        private ValidationResult pathFailure(CertPathValidatorException e) {
            String msg = e.getMessage();
            if (e.getReason() == BasicReason.EXPIRED) {
                return ValidationResult.failed(Status.EXPIRED, subject(), msg);
            }
            if (e.getReason() == BasicReason.NOT_YET_VALID) {
                return ValidationResult.failed(Status.NOT_YET_VALID, subject(), msg);
            }
            if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
                return ValidationResult.failed(Status.SIGNATURE_INVALID, subject(), msg);
            }
            if (e.getReason() == PKIXReason.INVALID_POLICY) {
                return ValidationResult.failed(Status.POLICY_NOT_ACCEPTED, subject(),
                        "its policies: " + policiesOf(target) + "; " + policies.describe());
            }
            // NO_TRUST_ANCHOR and everything else (constraints, key usage): no acceptable path to a trusted CA
            return ValidationResult.failed(Status.UNKNOWN_ISSUER, subject(),
                    e.getReason() == PKIXReason.NO_TRUST_ANCHOR ? "no path to a trusted CA" : msg);
        }

        PathSearch result() {
            if (!valid.isEmpty()) {
                return new PathSearch(valid, null);
            }
            if (failure != null) {
                return new PathSearch(valid, failure);
            }
            X509Certificate top = longestDeadEnd.isEmpty() ? target : longestDeadEnd.get(longestDeadEnd.size() - 1);
            String detail = "issuer " + top.getIssuerX500Principal().getName() + " is not trusted";
            if (requiredAnchor != null) {
                detail += " (a path to " + requiredAnchor.getSubjectX500Principal().getName() + " was required)";
            }
            for (String why : fetchFailures) {
                detail += "; " + why;
            }
            return new PathSearch(valid, ValidationResult.failed(Status.UNKNOWN_ISSUER, subject(), detail));
        }

        private String subject() {
            return target.getSubjectX500Principal().getName();
        }
    }

    private boolean selfSigned(X509Certificate cert) {
        return selfSigned.computeIfAbsent(cert, c -> {
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return false;
            }
            try {
                c.verify(c.getPublicKey());
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false; // self-issued by another key: a link between CA generations
            }
        });
    }

    private static boolean keyInPath(List<X509Certificate> path, X509Certificate candidate) {
        byte[] key = candidate.getPublicKey().getEncoded();
        return path.stream().anyMatch(c -> Arrays.equals(c.getPublicKey().getEncoded(), key));
    }

    /** The certificatePolicies OIDs of a certificate, sorted: "none" when it has none. */
    private static String policiesOf(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.certificatePolicies.getId());
        if (ext == null) {
            return "none";
        }
        Set<String> oids = new TreeSet<>();
        for (PolicyInformation p : CertificatePolicies.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                .getPolicyInformation()) {
            oids.add(p.getPolicyIdentifier().getId());
        }
        return String.join(", ", oids);
    }
}
