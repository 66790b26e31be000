package jp.mynacard.host.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.host.trust.CertificateValidator.Policy;
import jp.mynacard.host.trust.ValidationResult.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateValidatorTest {
    static TestPki pki;
    static X509Certificate good;
    static X509Certificate revoked;
    static X509Certificate held;
    static final Instant REVOKED_AT = TestPki.NOW.minusSeconds(86400L * 10);

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestPki("Test CA");
        good = pki.issue(10, "Good");
        revoked = pki.issue(11, "Revoked");
        held = pki.issue(12, "Held");
    }

    private Path crl(Instant next) throws Exception {
        return pki.crl(dir.resolve("ca.crl"), next, Map.of(11L, org.bouncycastle.asn1.x509.CRLReason.keyCompromise,
                12L, org.bouncycastle.asn1.x509.CRLReason.certificateHold), REVOKED_AT);
    }

    private CertificateValidator.Builder withCrl() throws Exception {
        return CertificateValidator.builder().trustAnchors(List.of(pki.ca)).ocsp(false).at(TestPki.NOW)
                .crls(List.of(crl(TestPki.NOW.plusSeconds(86400L * 7))));
    }

    @Test
    void validWithCrl() throws Exception {
        ValidationResult r = withCrl().build().validate(good);
        assertEquals(Status.VALID, r.status(), r.describe());
        assertTrue(r.valid());
        assertEquals("CRL", r.source());
        assertTrue(r.describe().contains("is valid"), r.describe());
    }

    @Test
    void revokedInCrl() throws Exception {
        ValidationResult r = withCrl().build().validate(revoked);
        assertEquals(Status.REVOKED, r.status());
        assertFalse(r.valid());
        assertEquals(Optional.of(CRLReason.KEY_COMPROMISE), r.reason());
        assertEquals(Optional.of(REVOKED_AT), r.revocationDate());
        assertEquals("CRL", r.source());
        assertTrue(r.describe().contains("revoked on " + REVOKED_AT + " (key compromise)"), r.describe());
    }

    @Test
    void holdIsSuspended() throws Exception {
        ValidationResult r = withCrl().build().validate(held);
        assertEquals(Status.SUSPENDED, r.status());
        assertEquals(Optional.of(REVOKED_AT), r.revocationDate());
        assertTrue(r.describe().contains("suspended"), r.describe());
    }

    @Test
    void revokedAfterValidationTimeWasValidThen() throws Exception {
        ValidationResult r = withCrl().at(REVOKED_AT.minusSeconds(60)).build().validate(revoked);
        assertEquals(Status.VALID, r.status(), r.describe());
    }

    @Test
    void expired() throws Exception {
        X509Certificate old = pki.issue(13, "Old", TestPki.NOW.plusSeconds(3600));
        ValidationResult r = withCrl().at(TestPki.NOW.plusSeconds(7200)).build().validate(old);
        assertEquals(Status.EXPIRED, r.status(), r.describe());
        assertTrue(r.describe().contains("expired"), r.describe());
    }

    @Test
    void unknownIssuer() throws Exception {
        TestPki other = new TestPki("Other CA");
        ValidationResult r = withCrl().build().validate(other.issue(10, "Stranger"));
        assertEquals(Status.UNKNOWN_ISSUER, r.status(), r.describe());
        assertFalse(r.valid());
    }

    @Test
    void sameNameOtherKeyIsSignatureInvalid() throws Exception {
        TestPki impostor = new TestPki("Test CA");
        ValidationResult r = withCrl().build().validate(impostor.issue(10, "Forged"));
        assertEquals(Status.SIGNATURE_INVALID, r.status(), r.describe());
    }

    @Test
    void intermediateFromChainAndItsRevocation() throws Exception {
        TestPki sub = new TestPki("Sub CA", pki, 20);
        X509Certificate leaf = sub.issue(5, "Leaf");
        Path subCrl = sub.crl(dir.resolve("sub.crl"), TestPki.NOW.plusSeconds(86400), Map.of(), REVOKED_AT);
        Path rootOk = pki.crl(dir.resolve("root.crl"), TestPki.NOW.plusSeconds(86400), Map.of(), REVOKED_AT);
        CertificateValidator.Builder b = CertificateValidator.builder().trustAnchors(List.of(pki.ca)).ocsp(false)
                .at(TestPki.NOW).intermediates(List.of(sub.ca));

        assertEquals(Status.VALID, b.crls(List.of(subCrl, rootOk)).build().validate(leaf).status());
        assertEquals(Status.UNKNOWN_ISSUER, CertificateValidator.builder().trustAnchors(List.of(pki.ca)).ocsp(false)
                .at(TestPki.NOW).build().validate(leaf).status());

        Path rootRevokesSub = pki.crl(dir.resolve("root2.crl"), TestPki.NOW.plusSeconds(86400),
                Map.of(20L, org.bouncycastle.asn1.x509.CRLReason.cACompromise), REVOKED_AT);
        ValidationResult r = CertificateValidator.builder().trustAnchors(List.of(pki.ca)).ocsp(false)
                .at(TestPki.NOW).intermediates(List.of(sub.ca)).crls(List.of(subCrl, rootRevokesSub)).build()
                .validate(leaf);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertTrue(r.describe().contains("CN=Leaf") && r.describe().contains("issuing CA") , r.describe());
    }

    @Test
    void staleCrlFailsClosed() throws Exception {
        Path stale = crl(TestPki.NOW.minusSeconds(3600));
        CertificateValidator.Builder b = CertificateValidator.builder().trustAnchors(List.of(pki.ca)).ocsp(false)
                .at(TestPki.NOW).crls(List.of(stale));
        ValidationResult r = b.build().validate(good);
        assertEquals(Status.REVOCATION_UNAVAILABLE, r.status(), r.describe());
        assertTrue(r.detail().contains("expired"), r.detail());

        ValidationResult soft = b.policy(Policy.SOFT_FAIL).build().validate(good);
        assertEquals(Status.VALID, soft.status());
        assertEquals("none (soft-fail)", soft.source());
        assertTrue(soft.describe().contains("could not be checked"), soft.describe());
    }

    @Test
    void noRevocationSourceIsUnavailable() throws Exception {
        ValidationResult r = CertificateValidator.builder().trustAnchors(List.of(pki.ca)).ocsp(false)
                .at(TestPki.NOW).build().validate(good);
        assertEquals(Status.REVOCATION_UNAVAILABLE, r.status());
        assertFalse(r.valid());
    }

    @Test
    void anAddedSourceIsAskedAfterTheOthersAndDecides() throws Exception {
        List<String> asked = new ArrayList<>();
        RevocationSource register = new RevocationSource() {
            @Override
            public String label() {
                return "register";
            }

            @Override
            public RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant when, String subject) {
                asked.add(subject);
                return cert.equals(revoked)
                        ? RevocationAnswer.of(ValidationResult.failed(Status.REVOKED, subject, "listed by the register"))
                        : RevocationAnswer.unavailable("not listed");
            }
        };
        CertificateValidator validator = CertificateValidator.builder().trustAnchors(List.of(pki.ca)).ocsp(false)
                .fetchCrls(false).at(TestPki.NOW).revocationSource(register).build();
        ValidationResult r = validator.validate(revoked);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        ValidationResult silent = validator.validate(good);
        assertEquals(Status.REVOCATION_UNAVAILABLE, silent.status());
        assertEquals("CRL: no CRL given; register: not listed", silent.detail());
        assertEquals(2, asked.size());
        // a source that answers first leaves the added one unasked
        asked.clear();
        assertTrue(withCrl().revocationSource(register).build().validate(good).valid());
        assertTrue(asked.isEmpty(), "asked although the CRL answered: " + asked);
    }

    @Test
    void ocspWithoutAiaAndNoCrlIsUnavailable() throws Exception {
        ValidationResult r = CertificateValidator.builder().trustAnchors(List.of(pki.ca))
                .at(TestPki.NOW).build().validate(good);
        assertEquals(Status.REVOCATION_UNAVAILABLE, r.status(), r.describe());
        assertTrue(r.detail().startsWith("OCSP"), r.detail());
    }

    @Test
    void ocspWithoutAiaFallsBackToCrl() throws Exception {
        ValidationResult r = withCrl().ocsp(true).build().validate(revoked);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals("CRL", r.source());
    }
}
