package jp.mynacard.host.trust;

import static jp.mynacard.host.trust.CertificationPathBuilderTest.permutations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import jp.mynacard.host.trust.ValidationResult.Status;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Path building through {@link CertificateValidator}: CA generations of one name, link certificates,
 * decoys, backtracking, the most specific failure, and the policy inputs.
 */
class PathValidationTest {
    static final String NAME = "CN=Test Sign CA,O=Test,C=JP";
    static final String SIGN = JpkiPolicy.SIGNATURE.oid();
    static final String AUTH = JpkiPolicy.USER_AUTHENTICATION.oid();
    static final Instant DAY_AGO = TestPki.NOW.minusSeconds(86400);

    static CaGeneration g1;
    static CaGeneration g2;
    static X509Certificate newWithOld;
    static X509Certificate oldWithNew;
    static X509Certificate h1;
    static X509Certificate h2;

    static CaGeneration root;
    static CaGeneration sub;
    static X509Certificate subCert;
    static X509Certificate leaf;

    @BeforeAll
    static void setUp() throws Exception {
        g1 = new CaGeneration(NAME);
        g2 = new CaGeneration(NAME, TestPki.NOW.minusSeconds(86400L * 30));
        newWithOld = g2.certifiedBy(g1);
        oldWithNew = g1.certifiedBy(g2);
        h1 = g1.holder("Holder One", SIGN, null);
        h2 = g2.holder("Holder Two", SIGN, null);

        root = new CaGeneration("CN=Root CA,O=Test,C=JP");
        sub = new CaGeneration("CN=Sub CA,O=Test,C=JP");
        subCert = sub.certifiedBy(root);
        leaf = sub.holder("Leaf");
    }

    /** Says "good" for every certificate and notes the issuer it was given for each. */
    static final class AllGood implements RevocationSource {
        final List<X509Certificate> issuers = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String label() {
            return "register";
        }

        @Override
        public RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant when, String subject) {
            issuers.add(issuer);
            return RevocationAnswer.of(ValidationResult.valid(subject, "register", ""));
        }
    }

    private static CertificateValidator.Builder offline(List<X509Certificate> anchors,
                                                        List<X509Certificate> intermediates, AllGood register) {
        return CertificateValidator.builder().trustAnchors(anchors).intermediates(intermediates).ocsp(false)
                .fetchCrls(false).fetchCaIssuers(false).at(TestPki.NOW).revocationSource(register);
    }

    private static ValidationResult validate(List<X509Certificate> anchors, List<X509Certificate> intermediates,
                                             X509Certificate cert) {
        return offline(anchors, intermediates, new AllGood()).build().validate(cert);
    }

    @Test
    void generationsAndLinksGiveOneAnswerInEveryOrder() {
        List<List<X509Certificate>> anchorSets = List.of(List.of(g1.ca), List.of(g2.ca), List.of(g1.ca, g2.ca));
        List<List<X509Certificate>> linkSets = List.of(List.of(), List.of(newWithOld), List.of(oldWithNew),
                List.of(newWithOld, oldWithNew));
        int valid = 0;
        for (List<X509Certificate> anchors : anchorSets) {
            for (List<X509Certificate> links : linkSets) {
                for (X509Certificate holder : List.of(h1, h2)) {
                    boolean expectValid = holder == h1
                            ? anchors.contains(g1.ca) || links.contains(oldWithNew)
                            : anchors.contains(g2.ca) || links.contains(newWithOld);
                    ValidationResult first = null;
                    X509Certificate firstIssuer = null;
                    for (List<X509Certificate> a : permutations(anchors)) {
                        for (List<X509Certificate> l : permutations(links)) {
                            List<X509Certificate> twice = new ArrayList<>(l);
                            twice.addAll(l); // given twice counts once
                            for (List<X509Certificate> given : List.of(l, twice)) {
                                AllGood register = new AllGood();
                                ValidationResult r = offline(a, given, register).build().validate(holder);
                                String what = holder.getSubjectX500Principal() + " anchors " + a.size() + " links "
                                        + l.size() + ": " + r.describe();
                                assertEquals(expectValid ? Status.VALID : Status.UNKNOWN_ISSUER, r.status(), what);
                                if (first == null) {
                                    first = r;
                                    firstIssuer = expectValid ? register.issuers.get(0) : null;
                                } else {
                                    assertEquals(first, r, what);
                                    if (expectValid) {
                                        assertEquals(firstIssuer, register.issuers.get(0), "the path chosen: " + what);
                                    }
                                }
                            }
                        }
                    }
                    valid += expectValid ? 1 : 0;
                }
            }
        }
        assertEquals(20, valid); // of 24 cases: each holder is stranded only under the other generation alone, without its link
    }

    @Test
    void aNewGenerationsHolderUnderTheOldAnchorGoesThroughTheLink() {
        AllGood register = new AllGood();
        ValidationResult r = offline(List.of(g1.ca), List.of(oldWithNew, newWithOld), register).build().validate(h2);
        assertEquals(Status.VALID, r.status(), r.describe());
        assertEquals(List.of(newWithOld, g1.ca), register.issuers); // the holder under new-with-old, the link under g1
    }

    @Test
    void aDecoyOfTheSameNameWithAnotherKeyChangesNothing() throws Exception {
        CaGeneration decoy = new CaGeneration(sub.name.toString());
        X509Certificate decoyCert = root.issueCa(sub.name, decoy.keys.getPublic(), DAY_AGO, TestPki.NOW.plusSeconds(
                86400L * 3650)); // newer, valid, issued by the root: only the key tells it apart
        for (List<X509Certificate> given : permutations(List.of(decoyCert, subCert))) {
            AllGood register = new AllGood();
            ValidationResult r = offline(List.of(root.ca), given, register).build().validate(leaf);
            assertEquals(Status.VALID, r.status(), r.describe());
            assertEquals(subCert, register.issuers.get(0));
        }
        assertEquals(Status.UNKNOWN_ISSUER, validate(List.of(root.ca), List.of(decoyCert), leaf).status());
    }

    @Test
    void backtracksPastAWrongSignature() throws Exception {
        // without key identifiers only the name links them: the newer decoy is tried first
        X509Certificate plainLeaf = sub.holderWithoutKeyIds("Plain Leaf");
        X509Certificate decoyCert = root.issueCaWithoutKeyIds(sub.name, CaGeneration.keys().getPublic(), DAY_AGO);
        assertEquals(Status.SIGNATURE_INVALID, validate(List.of(root.ca), List.of(decoyCert), plainLeaf).status());
        for (List<X509Certificate> given : permutations(List.of(decoyCert, subCert))) {
            assertEquals(Status.VALID, validate(List.of(root.ca), given, plainLeaf).status());
        }
    }

    @Test
    void backtracksPastAnExpiredCertificateAndADeadEnd() throws Exception {
        X509Certificate expiredSub = root.issueCa(sub.name, sub.keys.getPublic(), TestPki.NOW.minusSeconds(86400L * 10),
                DAY_AGO);
        CaGeneration nowhere = new CaGeneration("CN=Nowhere CA,O=Test,C=JP");
        X509Certificate straySub = nowhere.issueCa(sub.name, sub.keys.getPublic(), DAY_AGO, TestPki.NOW.plusSeconds(
                86400L * 3650));
        for (List<X509Certificate> given : permutations(List.of(expiredSub, straySub, subCert))) {
            AllGood register = new AllGood();
            ValidationResult r = offline(List.of(root.ca), given, register).build().validate(leaf);
            assertEquals(Status.VALID, r.status(), r.describe());
            assertEquals(subCert, register.issuers.get(0));
        }
    }

    @Test
    void theMostSpecificFailureIsThePathThatReachedAnAnchor() throws Exception {
        X509Certificate expiredSub = root.issueCa(sub.name, sub.keys.getPublic(), TestPki.NOW.minusSeconds(86400L * 10),
                DAY_AGO);
        CaGeneration nowhere = new CaGeneration("CN=Nowhere CA,O=Test,C=JP");
        X509Certificate straySub = nowhere.issueCa(sub.name, sub.keys.getPublic(), DAY_AGO, TestPki.NOW.plusSeconds(
                86400L * 3650));
        for (List<X509Certificate> given : permutations(List.of(straySub, expiredSub))) {
            ValidationResult r = validate(List.of(root.ca), given, leaf);
            assertEquals(Status.EXPIRED, r.status(), r.describe());
        }
        ValidationResult stranded = validate(List.of(root.ca), List.of(straySub), leaf);
        assertEquals(Status.UNKNOWN_ISSUER, stranded.status());
        assertEquals("issuer " + nowhere.ca.getSubjectX500Principal().getName() + " is not trusted", stranded.detail());
    }

    @Test
    void aRevokedLinkGivesWayToAnotherPath() {
        RevocationSource linkRevoked = new RevocationSource() {
            @Override
            public String label() {
                return "register";
            }

            @Override
            public RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant when, String subject) {
                return RevocationAnswer.of(cert.equals(oldWithNew)
                        ? ValidationResult.failed(Status.REVOKED, subject, "listed")
                        : ValidationResult.valid(subject, "register", ""));
            }
        };
        CertificateValidator.Builder b = CertificateValidator.builder().intermediates(List.of(oldWithNew)).ocsp(false)
                .fetchCrls(false).fetchCaIssuers(false).at(TestPki.NOW).revocationSource(linkRevoked);
        // through g2 only: the link is on the path and revoked
        ValidationResult through = b.trustAnchors(List.of(g2.ca)).build().validate(h1);
        assertEquals(Status.REVOKED, through.status(), through.describe());
        assertTrue(through.detail().contains("issuing CA"), through.detail());
        // g1 as well: the direct path is good
        assertEquals(Status.VALID, b.trustAnchors(List.of(g1.ca)).build().validate(h1).status());
    }

    @Test
    void initialPoliciesWithExplicitPolicyRequired() {
        CertificateValidator.Builder b = offline(List.of(g1.ca), List.of(), new AllGood());
        assertEquals(Status.VALID, b.build().validate(h1).status()); // default: any policy
        assertEquals(Status.VALID, b.initialPolicies(Set.of(SIGN)).requireExplicitPolicy(true).build()
                .validate(h1).status());

        ValidationResult r = b.initialPolicies(Set.of(AUTH)).build().validate(h1);
        assertEquals(Status.POLICY_NOT_ACCEPTED, r.status(), r.describe());
        assertEquals("its policies: " + SIGN + "; accepted: " + AUTH + "; explicit policy required", r.detail());
        assertTrue(r.describe().contains("was not issued under a certificate policy accepted here"), r.describe());

        // RFC 5280: without an explicit policy required, the set restricts nothing
        assertEquals(Status.VALID, b.requireExplicitPolicy(false).build().validate(h1).status());
    }

    @Test
    void aLinkWithoutCertificatePoliciesEndsAnExplicitPolicy() {
        // RFC 5280 §6.1.3 (e): a CA certificate without the extension empties the policy tree
        ValidationResult r = offline(List.of(g1.ca), List.of(newWithOld), new AllGood()).initialPolicies(Set.of(SIGN))
                .requireExplicitPolicy(true).build().validate(h2);
        assertEquals(Status.POLICY_NOT_ACCEPTED, r.status(), r.describe());
    }

    @Test
    void inhibitAnyPolicy() throws Exception {
        X509Certificate anyPolicy = g1.holder("Any", "2.5.29.32.0", null);
        CertificateValidator.Builder b = offline(List.of(g1.ca), List.of(), new AllGood()).initialPolicies(Set.of(SIGN))
                .requireExplicitPolicy(true);
        assertEquals(Status.VALID, b.build().validate(anyPolicy).status());
        ValidationResult r = b.inhibitAnyPolicy(true).build().validate(anyPolicy);
        assertEquals(Status.POLICY_NOT_ACCEPTED, r.status(), r.describe());
        assertTrue(r.detail().endsWith("; anyPolicy inhibited"), r.detail());
    }

    @Test
    void aMalformedPolicyOidIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CertificateValidator.builder().initialPolicies(Set.of("jpki-sign")));
        assertEquals("not a policy OID: jpki-sign", e.getMessage());
    }

    @Test
    void theSameNameInAnotherOrderIsTheSameIssuer() throws Exception {
        // X500Name equality is by DER; a principal of the same attributes in another order is another name
        X500Name reordered = new X500Name("C=JP,O=Test,CN=Sub CA");
        X509Certificate other = root.issueCa(reordered, sub.keys.getPublic(), DAY_AGO,
                TestPki.NOW.plusSeconds(86400L * 3650));
        assertEquals(Status.UNKNOWN_ISSUER, validate(List.of(root.ca), List.of(other), leaf).status());
    }
}
