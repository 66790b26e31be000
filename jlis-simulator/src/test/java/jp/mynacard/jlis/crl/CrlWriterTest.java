package jp.mynacard.jlis.crl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.InMemoryRevocationRegistry;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevokedEntry;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrlWriterTest {
    private static final CertificateUsage USAGE = CertificateUsage.SIGNATURE;
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant NEXT = NOW.plus(Duration.ofHours(24));
    private static final URI DELTA_URL = URI.create("http://127.0.0.1:8080/crl/sign-delta.crl");
    static final CrlScope SCOPE = CrlScope.holders(URI.create("http://127.0.0.1:8080/crl/sign.crl"),
            URI.create("http://127.0.0.1:8080/ca/sign.der"));
    private static final BigInteger LOST = BigInteger.valueOf(0x1001);
    private static final BigInteger HELD = BigInteger.valueOf(0x1002);
    private static final BigInteger REISSUED = new BigInteger("9f00000000000003", 16);
    private static final BigInteger GOOD = BigInteger.valueOf(0x1004);
    private static final Instant KEY_UNSAFE_SINCE = Instant.parse("2026-11-20T22:30:00Z");

    private static CertificateAuthority ca;
    private InMemoryRevocationRegistry registry;

    @BeforeAll
    static void authority() {
        ca = CertificateAuthority.create(USAGE.caName(), Clock.systemUTC());
    }

    @BeforeEach
    void fourCertificates() {
        registry = new InMemoryRevocationRegistry();
        for (BigInteger serial : new BigInteger[] {LOST, HELD, REISSUED, GOOD}) {
            registry.recordIssued(USAGE, serial, NOW.plus(Duration.ofDays(1000)), new byte[0]);
        }
        registry.revoke(USAGE, LOST, RevocationReason.KEY_COMPROMISE, NOW.minusSeconds(3600), KEY_UNSAFE_SINCE);
        registry.suspend(USAGE, HELD, NOW.minusSeconds(1800));
        registry.revoke(USAGE, REISSUED, RevocationReason.SUPERSEDED, NOW.minusSeconds(600), null);
    }

    @Test
    void fullCrlListsRevokedAndSuspendedCertificatesWithReasonsSigned() throws Exception {
        X509CRL crl = parse(write(CrlSpec.full(BigInteger.valueOf(7), NOW, NEXT, registry.currentSequence(), DELTA_URL)));

        crl.verify(ca.publicKey());
        assertEquals(2, crl.getVersion());
        assertEquals(ca.certificate().getSubjectX500Principal(), crl.getIssuerX500Principal());
        assertEquals(Date.from(NOW), crl.getThisUpdate());
        assertEquals(Date.from(NEXT), crl.getNextUpdate());
        Map<BigInteger, X509CRLEntry> entries = entries(crl);
        assertEquals(Set.of(LOST, HELD, REISSUED), entries.keySet());
        assertEquals(CRLReason.KEY_COMPROMISE, entries.get(LOST).getRevocationReason());
        assertEquals(CRLReason.CERTIFICATE_HOLD, entries.get(HELD).getRevocationReason());
        assertEquals(CRLReason.SUPERSEDED, entries.get(REISSUED).getRevocationReason());
        assertEquals(Date.from(NOW.minusSeconds(1800)), entries.get(HELD).getRevocationDate());
        assertEquals(KEY_UNSAFE_SINCE, invalidityDate(entries.get(LOST)));
        assertNull(entries.get(HELD).getExtensionValue("2.5.29.24"));
        assertEquals(BigInteger.valueOf(7), crlNumber(crl, "2.5.29.20"));
        assertNull(crl.getExtensionValue("2.5.29.27"), "a full CRL is no delta");
        assertEquals(DELTA_URL.toString(), freshestCrl(crl));
        assertArrayEquals(ca.certificate().getExtensionValue("2.5.29.14"), keyIdentifierAsSubjectKeyId(crl));
    }

    @Test
    void deltaCrlListsOnlyChangesAfterItsBaseAndIsMarkedCritical() throws Exception {
        long base = registry.currentSequence();
        registry.revoke(USAGE, HELD, RevocationReason.KEY_COMPROMISE, NOW.plusSeconds(60), null);
        registry.revoke(USAGE, GOOD, RevocationReason.CESSATION_OF_OPERATION, NOW.plusSeconds(120), null);

        X509CRL delta = parse(write(CrlSpec.delta(BigInteger.valueOf(8), NOW, NOW.plus(Duration.ofMinutes(15)),
                base, registry.currentSequence(), BigInteger.valueOf(7))));

        delta.verify(ca.publicKey());
        Map<BigInteger, X509CRLEntry> entries = entries(delta);
        assertEquals(Set.of(HELD, GOOD), entries.keySet());
        assertEquals(CRLReason.KEY_COMPROMISE, entries.get(HELD).getRevocationReason(), "the hold became a revocation");
        assertEquals(CRLReason.CESSATION_OF_OPERATION, entries.get(GOOD).getRevocationReason());
        assertTrue(delta.getCriticalExtensionOIDs().contains("2.5.29.27"));
        assertEquals(BigInteger.valueOf(7), crlNumber(delta, "2.5.29.27"));
        assertEquals(BigInteger.valueOf(8), crlNumber(delta, "2.5.29.20"));
        assertNull(delta.getExtensionValue("2.5.29.46"), "a delta names no further delta");
    }

    @Test
    void emptyCrlOmitsRevokedCertificates() throws Exception {
        byte[] der = write(CrlSpec.delta(BigInteger.TEN, NOW, NEXT, registry.currentSequence(),
                registry.currentSequence(), BigInteger.valueOf(9)));

        X509CRL crl = parse(der);
        crl.verify(ca.publicKey());
        assertNull(crl.getRevokedCertificates());
        ASN1Sequence tbs = (ASN1Sequence) ((ASN1Sequence) ASN1Primitive.fromByteArray(der)).getObjectAt(0);
        // version, signature, issuer, thisUpdate, nextUpdate, [0] extensions: no empty SEQUENCE
        assertEquals(6, tbs.size());
        assertInstanceOf(ASN1TaggedObject.class, tbs.getObjectAt(5));
    }

    @Test
    void timesSwitchToGeneralizedTimeIn2050() throws Exception {
        Instant late = Instant.parse("2050-01-01T00:00:00Z");
        registry.revoke(USAGE, GOOD, RevocationReason.SUPERSEDED, late, null);
        CertificateList list = CertificateList.getInstance(write(CrlSpec.full(BigInteger.ONE,
                Instant.parse("2049-12-31T23:59:59Z"), late, registry.currentSequence(), null)));

        assertInstanceOf(ASN1UTCTime.class, list.getThisUpdate().toASN1Primitive());
        assertInstanceOf(ASN1GeneralizedTime.class, list.getNextUpdate().toASN1Primitive());
        assertEquals(late, list.getNextUpdate().getDate().toInstant());
        var revoked = list.getRevokedCertificates();
        boolean sawLate = false;
        for (var entry : revoked) {
            if (entry.getUserCertificate().getValue().equals(GOOD)) {
                assertInstanceOf(ASN1GeneralizedTime.class, entry.getRevocationDate().toASN1Primitive());
                sawLate = true;
            } else {
                assertInstanceOf(ASN1UTCTime.class, entry.getRevocationDate().toASN1Primitive());
            }
        }
        assertTrue(sawLate);
    }

    @Test
    void sameBytesAsBouncyCastlesInMemoryBuilder() throws Exception {
        // RSA PKCS#1 v1.5 signatures are deterministic, so equal TBSCertLists mean equal files
        SyntheticRevocationRegistry synthetic = new SyntheticRevocationRegistry(300);
        CrlSpec spec = CrlSpec.full(BigInteger.valueOf(42), NOW, NEXT, synthetic.currentSequence(), DELTA_URL);
        X509CRLHolder expected = BouncyCastleCrl.build(synthetic, USAGE, ca, spec, SCOPE);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = new CrlWriter(HolderCrlEntries.all(synthetic, USAGE), ca, SCOPE).write(spec, out);

        assertArrayEquals(expected.getEncoded(), out.toByteArray());
        assertEquals(out.size(), written);
    }

    @Test
    void largeCrlUsesLongLengthsAndParses() throws Exception {
        SyntheticRevocationRegistry synthetic = new SyntheticRevocationRegistry(20_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CrlWriter(HolderCrlEntries.all(synthetic, USAGE), ca, SCOPE).write(CrlSpec.full(BigInteger.ONE, NOW, NEXT, 20_000, DELTA_URL), out);

        X509CRLHolder holder = new X509CRLHolder(out.toByteArray());
        assertTrue(holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.certificate())));
        assertEquals(20_000, holder.getRevokedCertificates().size());
        assertTrue(out.size() > 1 << 16, "needs a three-byte length");
        X509CRL crl = parse(out.toByteArray());
        X509CRLEntry sample = crl.getRevokedCertificate(SyntheticRevocationRegistry.entry(12_345).serial());
        assertEquals(CRLReason.values()[SyntheticRevocationRegistry.entry(12_345).reason().code()],
                sample.getRevocationReason());
    }

    @Test
    void registryListingDifferentEntriesInTheSecondPassIsRefused() {
        InMemoryRevocationRegistry shifting = new InMemoryRevocationRegistry() {
            private int passes;

            @Override
            public synchronized void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries) {
                super.forEachRevoked(usage, after, upTo, entries);
                if (++passes == 2) {
                    entries.accept(new RevokedEntry(BigInteger.TWO, NOW, RevocationReason.SUPERSEDED, null));
                }
            }
        };
        shifting.recordIssued(USAGE, LOST, NEXT, new byte[0]);
        shifting.revoke(USAGE, LOST, RevocationReason.KEY_COMPROMISE, NOW, null);

        IOException refused = assertThrows(IOException.class, () -> new CrlWriter(HolderCrlEntries.all(shifting, USAGE), ca, SCOPE)
                .write(CrlSpec.full(BigInteger.ONE, NOW, NEXT, shifting.currentSequence(), null), new ByteArrayOutputStream()));
        assertTrue(refused.getMessage().contains("second pass"), refused.getMessage());
    }

    private byte[] write(CrlSpec spec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CrlWriter(HolderCrlEntries.all(registry, USAGE), ca, SCOPE).write(spec, out);
        return out.toByteArray();
    }

    static X509CRL parse(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    static Map<BigInteger, X509CRLEntry> entries(X509CRL crl) {
        Map<BigInteger, X509CRLEntry> entries = new HashMap<>();
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry entry : crl.getRevokedCertificates()) {
                assertFalse(entries.containsKey(entry.getSerialNumber()), "listed twice");
                entries.put(entry.getSerialNumber(), entry);
            }
        }
        return entries;
    }

    static BigInteger crlNumber(X509CRL crl, String oid) throws IOException {
        byte[] value = crl.getExtensionValue(oid);
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
    }

    private static Instant invalidityDate(X509CRLEntry entry) throws Exception {
        byte[] value = entry.getExtensionValue("2.5.29.24");
        return ASN1GeneralizedTime.getInstance(ASN1OctetString.getInstance(value).getOctets()).getDate().toInstant();
    }

    /** The CRL's authorityKeyIdentifier keyIdentifier, wrapped the way the CA certificate's SKI extension is. */
    private static byte[] keyIdentifierAsSubjectKeyId(X509CRL crl) throws IOException {
        byte[] keyId = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.35")).getOctets()).getKeyIdentifier();
        return new org.bouncycastle.asn1.DEROctetString(new org.bouncycastle.asn1.DEROctetString(keyId).getEncoded()).getEncoded();
    }

    private static String freshestCrl(X509CRL crl) {
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.46")).getOctets());
        GeneralName name = ((org.bouncycastle.asn1.x509.GeneralNames) points.getDistributionPoints()[0]
                .getDistributionPoint().getName()).getNames()[0];
        return name.getName().toString();
    }
}
