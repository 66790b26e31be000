package jp.mynacard.perso.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.perso.journal.BatchJournal.Step;
import jp.mynacard.perso.journal.CertificateRevoker.CentreCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery's decisions against a centre kept in memory (the real centre: BatchRecoveryAgainstCentreTest in jlis-simulator). */
class BatchRecoveryTest {
    @TempDir
    Path dir;

    /** Certificates by serial and by key hash; counts revocations so a second one shows. */
    private static final class FakeCentre implements CertificateRevoker {
        final Map<String, CentreCertificate> bySerial = new LinkedHashMap<>();
        final Map<String, String> keyOf = new LinkedHashMap<>();
        final List<String> revocations = new ArrayList<>();

        void issued(String serial, String type, String keyHash) {
            bySerial.put(serial, new CentreCertificate(serial, type, "good", null));
            keyOf.put(serial, keyHash);
        }

        @Override
        public List<CentreCertificate> certificatesForKey(String publicKeySha256) {
            return bySerial.values().stream().filter(c -> keyOf.get(c.serial()).equals(publicKeySha256)).toList();
        }

        @Override
        public Optional<CentreCertificate> certificate(String serial) {
            return Optional.ofNullable(bySerial.get(CentreCertificate.canonicalSerial(serial)));
        }

        @Override
        public CentreCertificate revoke(CentreCertificate certificate, String reason) {
            revocations.add(certificate.serial() + " " + reason);
            CentreCertificate revoked = new CentreCertificate(certificate.serial(), certificate.type(), "revoked", reason);
            bySerial.put(certificate.serial(), revoked);
            return revoked;
        }
    }

    @Test
    void everyCertificateOfEachUnfinishedApplicationIsRevokedOnceAndTheApplicationAbandoned() throws Exception {
        FakeCentre centre = new FakeCentre();
        String k1 = PublicKeyHash.of(newKey());
        String k2 = PublicKeyHash.of(newKey());
        centre.issued("1A", "auth", k1);
        centre.issued("1B", "sign", k2);
        centre.issued("2A", "auth", "other");
        try (BatchJournal journal = BatchJournal.open(dir.resolve("j")); AuditLog audit = audit()) {
            journal.started("A-1", "C1");
            journal.requested("A-1", List.of(k1, k2));
            journal.certified("A-1", List.of("001a")); // sign's answer lost: found by key
            journal.started("A-2", "C2");

            List<BatchRecovery.Recovered> recovered = new BatchRecovery(journal, audit, centre).run();

            assertEquals(List.of(new BatchRecovery.Recovered("A-1", "C1", List.of("1A", "1B")),
                    new BatchRecovery.Recovered("A-2", "C2", List.of())), recovered);
            assertEquals(List.of("1A cessationOfOperation", "1B cessationOfOperation"), centre.revocations);
            assertEquals(Step.ABANDONED, journal.progress("A-1").step());
            assertEquals(Step.ABANDONED, journal.progress("A-2").step());
            assertEquals(List.of("recover A-1 1A revoked", "recover A-1 1B revoked", "recover A-1 1A 1B abandoned",
                    "recover A-2 null abandoned"), audit.entries().stream().map(e -> e.get("action") + " "
                    + e.get("application") + " " + e.get("certificates") + " " + e.get("outcome")).toList());

            assertEquals(List.of(), new BatchRecovery(journal, audit, centre).run());
            assertEquals(2, centre.revocations.size());
        }
    }

    @Test
    void aVerifiedApplicationKeepsItsCertificatesWhileItsCardCanComeBackAndLosesThemWhenItCannot() throws Exception {
        FakeCentre centre = new FakeCentre();
        centre.issued("3A", "auth", "k1");
        centre.issued("3B", "sign", "k2");
        try (BatchJournal journal = BatchJournal.open(dir.resolve("j")); AuditLog audit = audit()) {
            journal.started("A-3", "C3");
            journal.requested("A-3", List.of("k1", "k2"));
            journal.certified("A-3", List.of("3A", "3B"));
            journal.verified("A-3");

            assertEquals(List.of(), new BatchRecovery(journal, audit, centre).run(BatchRecovery.VerifiedCards.COME_BACK));
            assertEquals(List.of(), new BatchRecovery(journal, audit, centre).run());
            assertEquals(List.of(), centre.revocations, "its card, in the feeder, is finished when it comes back");
            assertEquals(Step.VERIFIED, journal.progress("A-3").step());

            assertEquals(List.of(new BatchRecovery.Recovered("A-3", "C3", List.of("3A", "3B"))),
                    new BatchRecovery(journal, audit, centre).run(BatchRecovery.VerifiedCards.LOST));
            assertEquals(List.of("3A cessationOfOperation", "3B cessationOfOperation"), centre.revocations);
            assertEquals(Step.ABANDONED, journal.progress("A-3").step());
        }
    }

    @Test
    void aVerifiedCardTheOperatorGivesUpIsRecoveredAndOnlyThatOne() throws Exception {
        FakeCentre centre = new FakeCentre();
        centre.issued("4A", "auth", "k1");
        centre.issued("4B", "sign", "k2");
        centre.issued("5A", "auth", "k3");
        centre.issued("5B", "sign", "k4");
        try (BatchJournal journal = BatchJournal.open(dir.resolve("j")); AuditLog audit = audit()) {
            for (String n : List.of("4", "5")) {
                journal.started("A-" + n, "C" + n);
                journal.requested("A-" + n, List.of("k" + (n.equals("4") ? 1 : 3), "k" + (n.equals("4") ? 2 : 4)));
                journal.certified("A-" + n, List.of(n + "A", n + "B"));
                journal.verified("A-" + n);
            }
            BatchRecovery recovery = new BatchRecovery(journal, audit, centre);

            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> recovery.run(BatchRecovery.VerifiedCards.COME_BACK, java.util.Set.of("C9")));
            assertTrue(unknown.getMessage().contains("no holder waits for card C9"), unknown.getMessage());
            assertEquals(List.of(), centre.revocations, "a wrong serial gives up nothing");

            assertEquals(List.of(new BatchRecovery.Recovered("A-4", "C4", List.of("4A", "4B"))),
                    recovery.run(BatchRecovery.VerifiedCards.COME_BACK, java.util.Set.of("C4")));
            assertEquals(List.of("4A cessationOfOperation", "4B cessationOfOperation"), centre.revocations);
            assertEquals(Step.ABANDONED, journal.progress("A-4").step(), "issued again on a blank");
            assertEquals(Step.VERIFIED, journal.progress("A-5").step(), "the other card may still come back");
        }
    }

    @Test
    void anAlreadyRevokedCertificateIsRecordedNotRevokedAgain() throws Exception {
        FakeCentre centre = new FakeCentre();
        centre.issued("5", "sign", "k");
        centre.revoke(centre.bySerial.get("5"), "keyCompromise");
        try (BatchJournal journal = BatchJournal.open(dir.resolve("j")); AuditLog audit = audit()) {
            journal.started("A-1", "C1");
            journal.requested("A-1", List.of("k"));

            new BatchRecovery(journal, audit, centre).run();

            assertEquals(List.of("5 keyCompromise"), centre.revocations);
            assertEquals("sign certificate; already revoked at the centre (keyCompromise)", audit.entries().get(0).get("reason"));
            assertEquals(Step.ABANDONED, journal.progress("A-1").step());
        }
    }

    @Test
    void aCentreThatFailsLeavesTheApplicationUnfinishedForTheNextRun() throws Exception {
        FakeCentre centre = new FakeCentre();
        centre.issued("7", "auth", "k");
        CertificateRevoker down = new CertificateRevoker() {
            @Override
            public List<CentreCertificate> certificatesForKey(String publicKeySha256) {
                throw new IllegalStateException("the centre is not reachable");
            }

            @Override
            public Optional<CentreCertificate> certificate(String serial) {
                throw new IllegalStateException("the centre is not reachable");
            }

            @Override
            public CentreCertificate revoke(CentreCertificate certificate, String reason) {
                throw new IllegalStateException("the centre is not reachable");
            }
        };
        try (BatchJournal journal = BatchJournal.open(dir.resolve("j")); AuditLog audit = audit()) {
            journal.started("A-1", "C1");
            journal.requested("A-1", List.of("k"));

            assertThrows(IllegalStateException.class, () -> new BatchRecovery(journal, audit, down).run());
            assertEquals(Step.REQUESTED, journal.progress("A-1").step());

            new BatchRecovery(journal, audit, centre).run();
            assertEquals(List.of("7 cessationOfOperation"), centre.revocations);
            assertEquals(Step.ABANDONED, journal.progress("A-1").step());
        }
    }

    private AuditLog audit() throws IOException {
        return AuditLog.open(dir.resolve("audit"), "op", "b", Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC));
    }

    private static PublicKey newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return generator.generateKeyPair().getPublic();
    }
}
