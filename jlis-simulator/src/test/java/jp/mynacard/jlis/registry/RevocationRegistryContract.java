package jp.mynacard.jlis.registry;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ca.CertificateUsage.USER_AUTHENTICATION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JdbcRevocationRegistry} must show, whatever database is under it.
 * A subclass says how to open the registry on its store; opening again reaches the same data.
 * The phones' links ({@link SmartphoneLinkContract}) and the following of another registry's
 * changes ({@link ChangeFollowingContract}) are held to the same on each database.
 */
abstract class RevocationRegistryContract implements SmartphoneLinkContract, ChangeFollowingContract {
    static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2030-03-31T14:59:59Z");

    private final List<JdbcRevocationRegistry> opened = new ArrayList<>();
    private JdbcRevocationRegistry registry;

    /** Opens a registry on this test's store: the same store each time within one test. */
    protected abstract JdbcRevocationRegistry openRegistry();

    @Override
    public JdbcRevocationRegistry registry() {
        if (registry == null) {
            registry = openRegistry();
            opened.add(registry);
        }
        return registry;
    }

    @Override
    public JdbcRevocationRegistry anotherRegistry() {
        registry();
        JdbcRevocationRegistry another = openRegistry();
        opened.add(another);
        return another;
    }

    @Override
    public JdbcRevocationRegistry reopen() {
        registry().close();
        registry = null;
        return registry();
    }

    @AfterEach
    void closeRegistries() {
        opened.forEach(JdbcRevocationRegistry::close);
        opened.clear();
        registry = null;
    }

    static BigInteger serial(long value) {
        return BigInteger.valueOf(value);
    }

    static byte[] der(CertificateUsage usage, long serial) {
        return (usage.shortName() + "-certificate-" + serial).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    CertificateRecord issue(CertificateUsage usage, long serial) {
        return registry().recordIssued(usage, serial(serial), NOT_AFTER, der(usage, serial));
    }

    Map<BigInteger, RevokedEntry> revoked(CertificateUsage usage, long after, long upTo) {
        Map<BigInteger, RevokedEntry> entries = new HashMap<>();
        registry().forEachRevoked(usage, after, upTo, entry -> {
            RevokedEntry previous = entries.put(entry.serial(), entry);
            assertNull(previous, "serial " + entry.serial() + " listed twice");
        });
        return entries;
    }

    @Test
    void certificatesAreFoundByTheirPublicKeyWithTheirCurrentState() {
        java.security.KeyPair cardKey = TestCertificates.keyPair();
        java.security.KeyPair otherKey = TestCertificates.keyPair();
        registry().recordIssued(USER_AUTHENTICATION, serial(11), NOT_AFTER, TestCertificates.certificate(cardKey, serial(11)));
        registry().recordIssued(SIGNATURE, serial(12), NOT_AFTER, TestCertificates.certificate(cardKey, serial(12)));
        registry().recordIssued(SIGNATURE, serial(13), NOT_AFTER, TestCertificates.certificate(otherKey, serial(13)));
        issue(SIGNATURE, 14); // stand-in bytes, not a certificate: never found by key
        registry().revoke(SIGNATURE, serial(12), RevocationReason.CESSATION_OF_OPERATION, T0, null);

        List<CertificateRecord> found = reopen().findByPublicKey(TestCertificates.digest(cardKey).toUpperCase(java.util.Locale.ROOT));

        assertEquals(List.of(USER_AUTHENTICATION, SIGNATURE), found.stream().map(CertificateRecord::usage).toList());
        assertEquals(List.of(serial(11), serial(12)), found.stream().map(CertificateRecord::serial).toList());
        assertEquals(CertificateState.GOOD, found.get(0).state());
        assertEquals(CertificateState.REVOKED, found.get(1).state());
        assertEquals(RevocationReason.CESSATION_OF_OPERATION, found.get(1).reason());
        assertEquals(List.of(serial(13)), registry().findByPublicKey(TestCertificates.digest(otherKey)).stream()
                .map(CertificateRecord::serial).toList());
        assertEquals(List.of(), registry().findByPublicKey(PublicKeyDigest.of(new byte[] {1, 2, 3})));
    }

    @Test
    void aMalformedKeyDigestIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> registry().findByPublicKey("abc"));
        assertThrows(IllegalArgumentException.class, () -> registry().findByPublicKey("zz".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> registry().findByPublicKey("' OR 1=1 --"));
    }

    /**
     * A registry written by the schema before the lookup by key: its certificates table has no
     * digest column. Opening it adds the column, fills it from the stored DER, and keeps everything.
     */
    @Test
    void aRegistryOfTheOldSchemaOpensAndFindsItsOldCertificatesByKey() throws Exception {
        java.security.KeyPair cardKey = TestCertificates.keyPair();
        byte[] der = TestCertificates.certificate(cardKey, serial(21));
        try (java.sql.Connection old = connectDirectly(); java.sql.Statement sql = old.createStatement()) {
            for (String ddl : OldSchema.DDL) {
                sql.execute(ddl.replace("BINARY", binaryType()));
            }
            sql.execute("INSERT INTO registry_counter (name, counter_value) VALUES ('change_sequence', 3)");
            try (java.sql.PreparedStatement insert = old.prepareStatement("INSERT INTO certificate (ca, serial, state, "
                    + "reason_code, revoked_at, invalidity_date, not_after, change_seq, der) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?)")) {
                insert.setString(1, SIGNATURE.shortName());
                insert.setString(2, "21");
                insert.setString(3, "GOOD");
                insert.setNull(4, java.sql.Types.INTEGER);
                insert.setLong(5, NOT_AFTER.toEpochMilli());
                insert.setLong(6, 2);
                insert.setBytes(7, der);
                insert.executeUpdate();
                insert.setString(2, "22");
                insert.setString(3, "REVOKED");
                insert.setInt(4, RevocationReason.KEY_COMPROMISE.code());
                insert.setLong(6, 3);
                insert.setBytes(7, der(SIGNATURE, 22));
                insert.executeUpdate();
            }
        }

        assertEquals(3, registry().currentSequence());
        assertEquals(List.of(serial(21)), registry().findByPublicKey(TestCertificates.digest(cardKey)).stream()
                .map(CertificateRecord::serial).toList());
        assertEquals(CertificateState.REVOKED, registry().find(SIGNATURE, serial(22)).orElseThrow().state());
        assertArrayEquals(der, registry().certificate(SIGNATURE, serial(21)).orElseThrow());
        java.security.KeyPair newKey = TestCertificates.keyPair();
        registry().recordIssued(USER_AUTHENTICATION, serial(23), NOT_AFTER, TestCertificates.certificate(newKey, serial(23)));
        assertEquals(4, reopen().findByPublicKey(TestCertificates.digest(newKey)).get(0).sequence());
        assertEquals(1, registry().findByPublicKey(TestCertificates.digest(cardKey)).size());
        // the phones' table came with the first open
        registry().recordSmartphoneIssued(serial(21), jp.mynacard.model.smartphone.SmartphonePlatform.ANDROID,
                new NewCertificate(serial(24), NOT_AFTER, der(USER_AUTHENTICATION, 24)),
                new NewCertificate(serial(25), NOT_AFTER, der(SIGNATURE, 25)), T0);
        assertEquals(1, reopen().smartphonesOf(serial(21)).size());
    }

    /** A connection straight to this test's store, bypassing the registry (to write an old schema). */
    protected abstract java.sql.Connection connectDirectly() throws java.sql.SQLException;

    @Override
    public java.sql.Connection directConnection() throws java.sql.SQLException {
        return connectDirectly();
    }

    /** The store's type for binary columns. */
    protected abstract String binaryType();

    @Test
    void anIssuedCertificateIsGoodAndFound() {
        assertEquals(0, registry().currentSequence());
        CertificateRecord issued = issue(SIGNATURE, 0x8A3F);

        assertEquals(new CertificateRecord(SIGNATURE, serial(0x8A3F), CertificateState.GOOD, null, null, null,
                NOT_AFTER, 1), issued);
        assertEquals(1, registry().currentSequence());
        assertEquals(Optional.of(issued), registry().find(SIGNATURE, serial(0x8A3F)));
        assertArrayEquals(der(SIGNATURE, 0x8A3F), registry().certificate(SIGNATURE, serial(0x8A3F)).orElseThrow());
    }

    @Test
    void aSerialOfTheOtherCaOrNeverIssuedIsNotFound() {
        issue(SIGNATURE, 7);

        assertEquals(Optional.empty(), registry().find(USER_AUTHENTICATION, serial(7)));
        assertEquals(Optional.empty(), registry().find(SIGNATURE, serial(8)));
        assertTrue(registry().certificate(SIGNATURE, serial(8)).isEmpty());
    }

    @Test
    void eachCaNumbersItsOwnCertificates() {
        CertificateRecord sign = issue(SIGNATURE, 7);
        CertificateRecord auth = issue(USER_AUTHENTICATION, 7);
        registry().revoke(SIGNATURE, serial(7), RevocationReason.KEY_COMPROMISE, T0, null);

        assertEquals(CertificateState.REVOKED, registry().find(SIGNATURE, serial(7)).orElseThrow().state());
        assertEquals(auth, registry().find(USER_AUTHENTICATION, serial(7)).orElseThrow());
        assertTrue(auth.sequence() > sign.sequence());
        assertArrayEquals(der(USER_AUTHENTICATION, 7), registry().certificate(USER_AUTHENTICATION, serial(7)).orElseThrow());
    }

    @Test
    void aSerialIsRecordedOnlyOnce() {
        issue(SIGNATURE, 0x8A3F);

        RegistryException refused = assertThrows(RegistryException.class, () -> issue(SIGNATURE, 0x8A3F));
        assertTrue(refused.getMessage().contains("8A3F"), refused.getMessage());
        assertEquals(1, registry().currentSequence());
    }

    @Test
    void suspendThenRevokeMovesTheSequenceOn() {
        CertificateRecord issued = issue(USER_AUTHENTICATION, 42);
        CertificateRecord suspended = registry().suspend(USER_AUTHENTICATION, serial(42), T0);
        Instant later = T0.plus(2, ChronoUnit.DAYS);
        CertificateRecord revoked = registry().revoke(USER_AUTHENTICATION, serial(42), RevocationReason.KEY_COMPROMISE,
                later, T0.minus(1, ChronoUnit.HOURS));

        assertEquals(new CertificateRecord(USER_AUTHENTICATION, serial(42), CertificateState.SUSPENDED,
                RevocationReason.CERTIFICATE_HOLD, T0, null, NOT_AFTER, issued.sequence() + 1), suspended);
        assertEquals(new CertificateRecord(USER_AUTHENTICATION, serial(42), CertificateState.REVOKED,
                RevocationReason.KEY_COMPROMISE, later, T0.minus(1, ChronoUnit.HOURS), NOT_AFTER,
                issued.sequence() + 2), revoked);
        assertEquals(revoked, registry().find(USER_AUTHENTICATION, serial(42)).orElseThrow());
        assertEquals(revoked.sequence(), registry().currentSequence());
    }

    @Test
    void aLookupAfterARevocationIsNotAnsweredFromTheGoodCache() {
        issue(SIGNATURE, 5);
        assertEquals(CertificateState.GOOD, registry().find(SIGNATURE, serial(5)).orElseThrow().state());
        assertEquals(CertificateState.GOOD, registry().find(SIGNATURE, serial(5)).orElseThrow().state());

        registry().revoke(SIGNATURE, serial(5), RevocationReason.SUPERSEDED, T0, null);

        assertEquals(CertificateState.REVOKED, registry().find(SIGNATURE, serial(5)).orElseThrow().state());
    }

    @Test
    void repeatingASuspensionChangesNothing() {
        issue(SIGNATURE, 1);
        CertificateRecord suspended = registry().suspend(SIGNATURE, serial(1), T0);
        long sequence = registry().currentSequence();

        CertificateRecord again = registry().suspend(SIGNATURE, serial(1), T0.plusSeconds(3600));

        assertEquals(suspended, again);
        assertEquals(sequence, registry().currentSequence());
    }

    @Test
    void repeatingARevocationForTheSameReasonChangesNothing() {
        issue(SIGNATURE, 1);
        CertificateRecord revoked = registry().revoke(SIGNATURE, serial(1), RevocationReason.CESSATION_OF_OPERATION, T0, null);
        long sequence = registry().currentSequence();

        CertificateRecord again = registry().revoke(SIGNATURE, serial(1), RevocationReason.CESSATION_OF_OPERATION,
                T0.plusSeconds(60), T0);

        assertEquals(revoked, again);
        assertEquals(sequence, registry().currentSequence());
        assertEquals(1, revoked(SIGNATURE, 0, registry().currentSequence()).size());
    }

    @Test
    void aRevokedCertificateCannotBeRevokedForAnotherReason() {
        issue(SIGNATURE, 0x8A3F);
        CertificateRecord revoked = registry().revoke(SIGNATURE, serial(0x8A3F), RevocationReason.KEY_COMPROMISE, T0, null);

        InvalidTransitionException refused = assertThrows(InvalidTransitionException.class, () -> registry()
                .revoke(SIGNATURE, serial(0x8A3F), RevocationReason.SUPERSEDED, T0, null));

        assertEquals("certificate 8A3F of the signature CA is already revoked (keyCompromise); "
                + "it cannot be revoked again as superseded", refused.getMessage());
        assertEquals(revoked, registry().find(SIGNATURE, serial(0x8A3F)).orElseThrow());
        assertEquals(revoked.sequence(), registry().currentSequence());
    }

    @Test
    void aRevokedCertificateCannotBeSuspended() {
        issue(USER_AUTHENTICATION, 0xBEEF);
        CertificateRecord revoked = registry().revoke(USER_AUTHENTICATION, serial(0xBEEF), RevocationReason.SUPERSEDED, T0, null);

        InvalidTransitionException refused = assertThrows(InvalidTransitionException.class,
                () -> registry().suspend(USER_AUTHENTICATION, serial(0xBEEF), T0));

        assertTrue(refused.getMessage().contains("BEEF"), refused.getMessage());
        assertTrue(refused.getMessage().contains("user authentication CA"), refused.getMessage());
        assertTrue(refused.getMessage().contains("superseded"), refused.getMessage());
        assertEquals(revoked, registry().find(USER_AUTHENTICATION, serial(0xBEEF)).orElseThrow());
    }

    @Test
    void changesOfAnUnknownCertificateAreRefused() {
        issue(SIGNATURE, 1);

        UnknownCertificateException suspend = assertThrows(UnknownCertificateException.class,
                () -> registry().suspend(USER_AUTHENTICATION, serial(1), T0));
        assertThrows(UnknownCertificateException.class,
                () -> registry().revoke(SIGNATURE, serial(0xABC), RevocationReason.KEY_COMPROMISE, T0, null));
        assertEquals("no user authentication certificate with serial 1", suspend.getMessage());
        assertEquals(1, registry().currentSequence());
    }

    @Test
    void authenticationCertificatesAreNotRevokedForAnAffiliationChange() {
        issue(USER_AUTHENTICATION, 3);
        issue(SIGNATURE, 3);

        InvalidTransitionException refused = assertThrows(InvalidTransitionException.class, () -> registry()
                .revoke(USER_AUTHENTICATION, serial(3), RevocationReason.AFFILIATION_CHANGED, T0, null));

        assertTrue(refused.getMessage().startsWith("authentication certificates are not revoked when the address or "
                + "name changes"), refused.getMessage());
        assertEquals(CertificateState.GOOD, registry().find(USER_AUTHENTICATION, serial(3)).orElseThrow().state());
        assertEquals(RevocationReason.AFFILIATION_CHANGED, registry()
                .revoke(SIGNATURE, serial(3), RevocationReason.AFFILIATION_CHANGED, T0, null).reason());
    }

    @Test
    void aHoldIsASuspensionNotARevocation() {
        issue(SIGNATURE, 9);

        InvalidTransitionException refused = assertThrows(InvalidTransitionException.class, () -> registry()
                .revoke(SIGNATURE, serial(9), RevocationReason.CERTIFICATE_HOLD, T0, null));

        assertTrue(refused.getMessage().contains("suspend"), refused.getMessage());
        assertEquals(CertificateState.GOOD, registry().find(SIGNATURE, serial(9)).orElseThrow().state());
    }

    @Test
    void aFullCrlListsEverySuspendedAndRevokedCertificateOfItsCa() {
        issue(SIGNATURE, 1);
        issue(SIGNATURE, 2);
        issue(SIGNATURE, 3);
        issue(USER_AUTHENTICATION, 2);
        registry().suspend(SIGNATURE, serial(1), T0);
        registry().revoke(SIGNATURE, serial(2), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(1), T0);
        registry().revoke(USER_AUTHENTICATION, serial(2), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(1), null);

        Map<BigInteger, RevokedEntry> crl = revoked(SIGNATURE, 0, registry().currentSequence());

        assertEquals(Map.of(
                serial(1), new RevokedEntry(serial(1), T0, RevocationReason.CERTIFICATE_HOLD, null),
                serial(2), new RevokedEntry(serial(2), T0.plusSeconds(1), RevocationReason.KEY_COMPROMISE, T0)), crl);
        assertEquals(Map.of(serial(2), new RevokedEntry(serial(2), T0.plusSeconds(1), RevocationReason.KEY_COMPROMISE,
                null)), revoked(USER_AUTHENTICATION, 0, registry().currentSequence()));
    }

    @Test
    void aDeltaCrlListsOnlyWhatChangedSinceItsBase() {
        issue(SIGNATURE, 1);
        issue(SIGNATURE, 2);
        issue(SIGNATURE, 3);
        issue(SIGNATURE, 4);
        registry().suspend(SIGNATURE, serial(1), T0);                                        // before the base
        registry().revoke(SIGNATURE, serial(2), RevocationReason.SUPERSEDED, T0, null);       // before the base
        long base = registry().currentSequence();
        registry().revoke(SIGNATURE, serial(1), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(10), null); // held, then revoked
        registry().suspend(SIGNATURE, serial(3), T0.plusSeconds(20));
        long upTo = registry().currentSequence();
        registry().revoke(SIGNATURE, serial(4), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(30), null); // after upTo

        Map<BigInteger, RevokedEntry> delta = revoked(SIGNATURE, base, upTo);

        assertEquals(Map.of(
                serial(1), new RevokedEntry(serial(1), T0.plusSeconds(10), RevocationReason.KEY_COMPROMISE, null),
                serial(3), new RevokedEntry(serial(3), T0.plusSeconds(20), RevocationReason.CERTIFICATE_HOLD, null)), delta);
        // the base itself, built at that sequence: the hold of 1 and the revocation of 2
        assertEquals(Map.of(
                serial(1), new RevokedEntry(serial(1), T0, RevocationReason.CERTIFICATE_HOLD, null),
                serial(2), new RevokedEntry(serial(2), T0, RevocationReason.SUPERSEDED, null)), revoked(SIGNATURE, 0, base));
        assertEquals(4, revoked(SIGNATURE, 0, registry().currentSequence()).size());
        assertEquals(Map.of(), revoked(SIGNATURE, upTo, upTo));
    }

    @Test
    void crlNumbersKeepIncreasingAcrossRestarts() {
        BigInteger first = registry().nextCrlNumber(SIGNATURE);
        BigInteger second = registry().nextCrlNumber(SIGNATURE);
        BigInteger auth = registry().nextCrlNumber(USER_AUTHENTICATION);
        assertTrue(second.compareTo(first) > 0);
        assertTrue(auth.signum() > 0);

        BigInteger afterRestart = reopen().nextCrlNumber(SIGNATURE);
        BigInteger authAfterRestart = registry().nextCrlNumber(USER_AUTHENTICATION);

        assertTrue(afterRestart.compareTo(second) > 0, afterRestart + " after " + second);
        assertTrue(authAfterRestart.compareTo(auth) > 0, authAfterRestart + " after " + auth);
        assertEquals(0, registry().currentSequence(), "CRL numbers are not certificate changes");
    }

    @Test
    void everythingSurvivesARestart() {
        issue(SIGNATURE, 1);
        issue(SIGNATURE, 2);
        issue(USER_AUTHENTICATION, 3);
        CertificateRecord good = registry().find(SIGNATURE, serial(1)).orElseThrow();
        // nanoseconds are more than the registry keeps: what it answers must not change on restart
        Instant precise = T0.plusNanos(123_456_789);
        CertificateRecord suspended = registry().suspend(USER_AUTHENTICATION, serial(3), precise);
        CertificateRecord revoked = registry().revoke(SIGNATURE, serial(2), RevocationReason.AFFILIATION_CHANGED,
                precise, precise.minusSeconds(60));
        long sequence = registry().currentSequence();
        Map<BigInteger, RevokedEntry> crl = revoked(SIGNATURE, 0, sequence);

        reopen();

        assertEquals(sequence, registry().currentSequence());
        assertEquals(good, registry().find(SIGNATURE, serial(1)).orElseThrow());
        assertEquals(suspended, registry().find(USER_AUTHENTICATION, serial(3)).orElseThrow());
        assertEquals(revoked, registry().find(SIGNATURE, serial(2)).orElseThrow());
        assertEquals(crl, revoked(SIGNATURE, 0, sequence));
        assertArrayEquals(der(SIGNATURE, 2), registry().certificate(SIGNATURE, serial(2)).orElseThrow());
        assertEquals(sequence + 1, issue(SIGNATURE, 4).sequence(), "sequences go on from where they were");
    }

    @Test
    void concurrentChangesGetDistinctSequences() throws Exception {
        int certificates = 40;
        for (int i = 1; i <= certificates; i++) {
            issue(SIGNATURE, i);
        }
        long before = registry().currentSequence();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<CertificateRecord>> results = new ArrayList<>();
        try {
            for (int i = 1; i <= certificates; i++) {
                long s = i;
                results.add(pool.submit(() -> registry().revoke(SIGNATURE, serial(s), RevocationReason.SUPERSEDED, T0, null)));
                results.add(pool.submit(() -> registry().find(SIGNATURE, serial(s)).orElseThrow()));
            }
            java.util.Set<Long> sequences = new java.util.HashSet<>();
            for (Future<CertificateRecord> result : results) {
                CertificateRecord record = result.get(60, TimeUnit.SECONDS);
                if (record.state() == CertificateState.REVOKED && record.sequence() > before) {
                    sequences.add(record.sequence());
                }
            }
            assertEquals(certificates, sequences.stream().filter(s -> s > before).distinct().count());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + certificates, registry().currentSequence());
        assertEquals(certificates, revoked(SIGNATURE, before, registry().currentSequence()).size());
    }

    @Test
    void aClosedRegistryRefusesChanges() {
        issue(SIGNATURE, 1);
        registry().close();

        assertThrows(RegistryException.class, () -> registry().suspend(SIGNATURE, serial(1), T0));
        assertFalse(registry().toString().isEmpty());
        assertSame(RegistryException.class, assertThrows(RegistryException.class,
                () -> registry().nextCrlNumber(SIGNATURE)).getClass());
    }
}
