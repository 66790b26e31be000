package jp.mynacard.host.trust;

import static jp.mynacard.host.trust.CrlWorld.NOW;
import static jp.mynacard.host.trust.CrlWorld.crl;
import static jp.mynacard.host.trust.CrlWorld.issue;
import static jp.mynacard.host.trust.CrlWorld.name;
import static jp.mynacard.host.trust.CrlWorld.names;
import static jp.mynacard.host.trust.CrlWorld.point;
import static jp.mynacard.host.trust.CrlWorld.revokedAt;
import static jp.mynacard.host.trust.CrlWorld.root;
import static jp.mynacard.host.trust.CrlWorld.user;
import static jp.mynacard.host.trust.CrlWorld.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.host.trust.CrlWorld.Holder;
import jp.mynacard.host.trust.ValidationResult.Status;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 5280 §6.3 through the validator with CRL files (offline), each situation PKITS has a section
 * for: IDP-scoped (partitioned) CRLs, onlyContainsUserCerts/CACerts, onlySomeReasons, a separate
 * CRL-signing key under the CA's name, indirect CRLs, a CA key rolled over under the same name, and
 * revocation data that cannot be wholly used. Every answer is checked with the files in every order.
 */
class CrlProcessingTest {
    private static final String P0 = "http://crl.test/ca-p0.crl";
    private static final String P1 = "http://crl.test/ca-p1.crl";

    @TempDir
    static Path dir;
    static Holder ca;
    static X500Name caName;

    @BeforeAll
    static void ca() throws Exception {
        caName = name("Partitioned CA");
        ca = root(caName);
    }

    private static CertificateValidator.Builder validator(List<X509Certificate> intermediates, List<Path> crls) {
        return CertificateValidator.builder().trustAnchors(List.of(ca.cert())).intermediates(intermediates)
                .crls(crls).ocsp(false).fetchCrls(false).at(NOW);
    }

    /** The answer, the same for every order of the CRL files. */
    private static ValidationResult validate(X509Certificate cert, List<X509Certificate> intermediates, List<Path> crls,
                                             CertificateValidator.Policy policy) {
        ValidationResult first = null;
        for (List<Path> order : permutations(crls)) {
            ValidationResult r = validator(intermediates, order).policy(policy).build().validate(cert);
            if (first == null) {
                first = r;
            } else {
                assertEquals(first.status(), r.status(), "order " + order + ": " + r.describe());
            }
        }
        return first;
    }

    private static ValidationResult validate(X509Certificate cert, List<Path> crls) {
        return validate(cert, List.of(), crls, CertificateValidator.Policy.FAIL_CLOSED);
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> one = new ArrayList<>();
                one.add(head);
                one.addAll(p);
                all.add(one);
            }
        }
        return all;
    }

    private static IssuingDistributionPoint idp(String url, boolean onlyUser, boolean onlyCa, ReasonFlags reasons,
                                                boolean indirect) {
        return new IssuingDistributionPoint(url == null ? null : new DistributionPointName(names(url)), onlyUser, onlyCa,
                reasons, indirect, false);
    }

    @Test
    void partitionedCrlsAnswerForTheirOwnPartitionOnly() throws Exception {
        Holder inP0 = user(ca, "In P0", point(P0, null, null));
        Holder inP1 = user(ca, "In P1", point(P1, null, null));
        Path p0 = write(dir, "p0.crl", crl(caName, ca.keys(), 10, b -> {
            b.addExtension(Extension.issuingDistributionPoint, true, idp(P0, true, false, null, false));
            // a partition's CRL that also lists a certificate of another partition: the CA still revoked it
            b.addCRLEntry(inP1.cert().getSerialNumber(), revokedAt(), CRLReason.keyCompromise);
        }));
        Path p1 = write(dir, "p1.crl", crl(caName, ca.keys(), 11, b ->
                b.addExtension(Extension.issuingDistributionPoint, true, idp(P1, true, false, null, false))));

        assertEquals(Status.VALID, validate(inP0.cert(), List.of(p0, p1)).status());
        ValidationResult onlyOther = validate(inP0.cert(), List.of(p1));
        assertEquals(Status.REVOCATION_UNAVAILABLE, onlyOther.status());
        assertTrue(onlyOther.detail().contains("not for a distribution point of the certificate"), onlyOther.detail());
        // P1's own CRL shows it good, but a verified CRL of its CA lists it revoked: refused
        assertEquals(Status.REVOKED, validate(inP1.cert(), List.of(p0, p1)).status());
        ValidationResult used = validate(inP0.cert(), List.of(p0, p1));
        assertTrue(used.notes().stream().anyMatch(n -> n.contains("complete CRL 10") && n.contains("p0.crl")),
                used.notes().toString());
    }

    @Test
    void userOnlyAndCaOnlyCrlsKeepToTheirKind() throws Exception {
        Holder sub = issue(ca, name("Sub CA of partitioned"), true, KeyUsage.keyCertSign | KeyUsage.cRLSign, b -> { });
        Holder leaf = user(sub, "Leaf under sub", null);
        byte[] subsCrl = crl(sub.name(), sub.keys(), 1, b -> { });
        Path subCrl = write(dir, "sub.crl", subsCrl);
        Path userOnly = write(dir, "user-only.crl", crl(caName, ca.keys(), 20, b ->
                b.addExtension(Extension.issuingDistributionPoint, true, idp(null, true, false, null, false))));
        Path caOnly = write(dir, "ca-only.crl", crl(caName, ca.keys(), 21, b ->
                b.addExtension(Extension.issuingDistributionPoint, true, idp(null, false, true, null, false))));

        assertEquals(Status.VALID, validate(leaf.cert(), List.of(sub.cert()), List.of(subCrl, caOnly),
                CertificateValidator.Policy.FAIL_CLOSED).status());
        ValidationResult r = validate(leaf.cert(), List.of(sub.cert()), List.of(subCrl, userOnly),
                CertificateValidator.Policy.FAIL_CLOSED);
        assertEquals(Status.REVOCATION_UNAVAILABLE, r.status(), r.describe());
        assertTrue(r.detail().contains("only end-entity certificates"), r.detail());
        Holder user = user(ca, "Direct user", null);
        assertEquals(Status.VALID, validate(user.cert(), List.of(userOnly)).status());
        assertEquals(Status.REVOCATION_UNAVAILABLE, validate(user.cert(), List.of(caOnly)).status());
    }

    @Test
    void crlsLimitedToSomeReasonsAnswerOnlyTogether() throws Exception {
        Holder holder = user(ca, "Reasons", null);
        Holder other = user(ca, "Reasons revoked", null);
        ReasonFlags key = new ReasonFlags(ReasonFlags.keyCompromise | ReasonFlags.cACompromise);
        ReasonFlags rest = new ReasonFlags(ReasonFlags.affiliationChanged | ReasonFlags.superseded
                | ReasonFlags.cessationOfOperation | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn
                | ReasonFlags.aACompromise);
        Path compromise = write(dir, "compromise.crl", crl(caName, ca.keys(), 30, b ->
                b.addExtension(Extension.issuingDistributionPoint, true, idp(null, false, false, key, false))));
        Path others = write(dir, "others.crl", crl(caName, ca.keys(), 31, b -> {
            b.addExtension(Extension.issuingDistributionPoint, true, idp(null, false, false, rest, false));
            b.addCRLEntry(other.cert().getSerialNumber(), revokedAt(), CRLReason.superseded);
        }));

        ValidationResult half = validate(holder.cert(), List.of(compromise));
        assertEquals(Status.REVOCATION_UNAVAILABLE, half.status());
        assertTrue(half.detail().contains("cover only key compromise, CA compromise"), half.detail());
        assertEquals(Status.VALID, validate(holder.cert(), List.of(compromise, others)).status());
        assertEquals(Status.REVOKED, validate(other.cert(), List.of(compromise, others)).status());
    }

    @Test
    void aSeparateCrlSigningKeyUnderTheCaNameIsAcceptedOnlyWhenTheCaCertifiedIt() throws Exception {
        Holder signer = issue(ca, caName, false, KeyUsage.cRLSign, b -> { });
        Holder notSigner = issue(ca, caName, false, KeyUsage.digitalSignature, b -> { });
        Holder stranger = root(caName); // same name, a key nobody certified
        Holder holder = user(ca, "Signed by the CRL signer", null);
        Holder revoked = user(ca, "Revoked by the CRL signer", null);
        CrlWorld.CrlExtras lists = b -> b.addCRLEntry(revoked.cert().getSerialNumber(), revokedAt(), CRLReason.keyCompromise);
        Path bySigner = write(dir, "by-signer.crl", crl(caName, signer.keys(), 40, lists));
        Path byNotSigner = write(dir, "by-not-signer.crl", crl(caName, notSigner.keys(), 41, lists));
        Path byStranger = write(dir, "by-stranger.crl", crl(caName, stranger.keys(), 42, lists));

        assertEquals(Status.VALID, validate(holder.cert(), List.of(signer.cert()), List.of(bySigner),
                CertificateValidator.Policy.FAIL_CLOSED).status());
        assertEquals(Status.REVOKED, validate(revoked.cert(), List.of(signer.cert()), List.of(bySigner),
                CertificateValidator.Policy.FAIL_CLOSED).status());
        ValidationResult noCrlSign = validate(holder.cert(), List.of(notSigner.cert()), List.of(byNotSigner),
                CertificateValidator.Policy.FAIL_CLOSED);
        assertEquals(Status.REVOCATION_UNAVAILABLE, noCrlSign.status(), noCrlSign.describe());
        // a key of the same name that no path vouches for: its CRL is not believed, not even its entries
        ValidationResult forged = validate(revoked.cert(), List.of(stranger.cert()), List.of(byStranger),
                CertificateValidator.Policy.SOFT_FAIL);
        assertEquals(Status.VALID, forged.status(), forged.describe());
        assertTrue(forged.detail().contains("on a path to the trust anchor"), forged.detail());
    }

    @Test
    void indirectCrlsListEachCertificateUnderItsIssuer() throws Exception {
        X500Name otherName = name("Other CA");
        Holder otherCa = root(otherName);
        X500Name issuerName = name("Indirect CRL Issuer");
        Holder crlIssuer = issue(ca, issuerName, false, KeyUsage.cRLSign, b -> { });
        String url = "http://crl.test/indirect.crl";
        Holder mine = user(ca, "Indirect mine", point(url, issuerName, null));
        // the other CA's certificate with the same serial is the one revoked
        Path indirect = write(dir, "indirect.crl", crl(issuerName, crlIssuer.keys(), 50, b -> {
            b.addExtension(Extension.issuingDistributionPoint, true, idp(url, true, false, null, true));
            b.addCRLEntry(mine.cert().getSerialNumber(), revokedAt(), certificateIssuer(CRLReason.keyCompromise, otherName));
        }));
        assertEquals(Status.VALID, validate(mine.cert(), List.of(crlIssuer.cert()), List.of(indirect),
                CertificateValidator.Policy.FAIL_CLOSED).status());

        Holder theirs = user(ca, "Indirect revoked", point(url, issuerName, null));
        Path listing = write(dir, "indirect2.crl", crl(issuerName, crlIssuer.keys(), 51, b -> {
            b.addExtension(Extension.issuingDistributionPoint, true, idp(url, true, false, null, true));
            b.addCRLEntry(theirs.cert().getSerialNumber(), revokedAt(), certificateIssuer(CRLReason.keyCompromise, otherName));
            b.addCRLEntry(theirs.cert().getSerialNumber(), revokedAt(), certificateIssuer(CRLReason.superseded, caName));
        }));
        ValidationResult r = validate(theirs.cert(), List.of(crlIssuer.cert()), List.of(listing),
                CertificateValidator.Policy.FAIL_CLOSED);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertEquals(java.security.cert.CRLReason.SUPERSEDED, r.reason().orElseThrow());
        // the same CRL for a certificate that does not name its issuer in cRLIssuer: not its CRL
        Holder unnamed = user(ca, "Indirect unnamed", point(url, null, null));
        assertEquals(Status.REVOCATION_UNAVAILABLE, validate(unnamed.cert(), List.of(crlIssuer.cert()), List.of(indirect),
                CertificateValidator.Policy.FAIL_CLOSED).status());
        assertTrue(otherCa.cert() != null);
    }

    /** Entry extensions: the reason, and the certificate issuer from this entry on. */
    private static org.bouncycastle.asn1.x509.Extensions certificateIssuer(int reason, X500Name issuer) throws Exception {
        return new org.bouncycastle.asn1.x509.Extensions(new Extension[] {
            new Extension(Extension.reasonCode, false, new DEROctetString(CRLReason.lookup(reason))),
            new Extension(Extension.certificateIssuer, true, new DEROctetString(new GeneralNames(new GeneralName(issuer))))});
    }

    @Test
    void aCrlSignedByTheCasNextKeyCoversItsOlderCertificatesThroughTheLink() throws Exception {
        Holder next = root(caName); // generation 2: same name, new key
        X509Certificate newWithOld = CrlWorld.certificate(caName, ca.keys(), caName, next.keys().getPublic(), true,
                KeyUsage.keyCertSign | KeyUsage.cRLSign, b -> { });
        Holder old = user(ca, "Issued before the rollover", null);
        Holder oldRevoked = user(ca, "Revoked after the rollover", null);
        Path byNewKey = write(dir, "after-rollover.crl", crl(caName, next.keys(), 60, b ->
                b.addCRLEntry(oldRevoked.cert().getSerialNumber(), revokedAt(), CRLReason.keyCompromise)));

        assertEquals(Status.VALID, validate(old.cert(), List.of(newWithOld), List.of(byNewKey),
                CertificateValidator.Policy.FAIL_CLOSED).status());
        assertEquals(Status.REVOKED, validate(oldRevoked.cert(), List.of(newWithOld), List.of(byNewKey),
                CertificateValidator.Policy.FAIL_CLOSED).status());
        // without the link nothing vouches for the new key under the old anchor
        ValidationResult unlinked = validate(old.cert(), List.of(next.cert()), List.of(byNewKey),
                CertificateValidator.Policy.FAIL_CLOSED);
        assertEquals(Status.REVOCATION_UNAVAILABLE, unlinked.status(), unlinked.describe());
    }

    @Test
    void aCrlWithAnUnknownCriticalExtensionCannotShowGoodButItsEntriesCount() throws Exception {
        Holder good = user(ca, "Unknown extension good", null);
        Holder listed = user(ca, "Unknown extension listed", null);
        Path strange = write(dir, "strange.crl", crl(caName, ca.keys(), 70, b -> {
            b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, new DEROctetString(new byte[] {1}));
            b.addCRLEntry(listed.cert().getSerialNumber(), revokedAt(), CRLReason.keyCompromise);
        }));

        for (CertificateValidator.Policy policy : CertificateValidator.Policy.values()) {
            ValidationResult r = validate(listed.cert(), List.of(), List.of(strange), policy);
            assertEquals(Status.REVOKED, r.status(), policy + ": " + r.describe());
        }
        ValidationResult closed = validate(good.cert(), List.of(strange));
        assertEquals(Status.REVOCATION_UNAVAILABLE, closed.status());
        assertTrue(closed.detail().contains("critical CRL extension") && closed.detail().contains("cannot process"),
                closed.detail());
        ValidationResult soft = validate(good.cert(), List.of(), List.of(strange), CertificateValidator.Policy.SOFT_FAIL);
        assertEquals(ValidationResult.SOFT_FAIL, soft.source());
        assertTrue(soft.describe().contains("cannot process"), soft.describe());
    }

    @Test
    void anExpiredCrlThatListsTheCertificateStillRefusesItInSoftFail() throws Exception {
        Holder listed = user(ca, "Listed in an old CRL", null);
        byte[] der = crl(caName, ca.keys(), 80, b -> {
            b.setNextUpdate(java.util.Date.from(NOW.minusSeconds(3 * 3600)));
            b.addCRLEntry(listed.cert().getSerialNumber(), java.util.Date.from(NOW.minusSeconds(86400)),
                    CRLReason.keyCompromise);
        });
        ValidationResult r = validate(listed.cert(), List.of(), List.of(write(dir, "expired.crl", der)),
                CertificateValidator.Policy.SOFT_FAIL);
        assertEquals(Status.REVOKED, r.status(), r.describe());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("expired at")), r.notes().toString());
    }

    @Test
    void aDeltaThatDoesNotFitIsNamedNotSilentlyDropped() throws Exception {
        Holder holder = user(ca, "Delta holder", null);
        Path full = write(dir, "base.crl", crl(caName, ca.keys(), 90, b -> { }));
        Path delta = write(dir, "base-delta.crl", crl(caName, ca.keys(), 95, b ->
                b.addExtension(Extension.deltaCRLIndicator, true, new org.bouncycastle.asn1.x509.CRLNumber(
                        java.math.BigInteger.valueOf(93))))); // based on a complete CRL newer than the one given
        ValidationResult r = validate(holder.cert(), List.of(full, delta));
        assertEquals(Status.VALID, r.status(), r.describe());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("base-delta.crl not used")
                && n.contains("newer than the complete CRL 90")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("complete CRL 90")), r.notes().toString());
        assertTrue(new JcaX509ExtensionUtils() != null);
    }
}
