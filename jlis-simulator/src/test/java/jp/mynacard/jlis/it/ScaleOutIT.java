package jp.mynacard.jlis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.testing.Eventually;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code bin/jlis serve} processes on one PostgreSQL registry and one data directory, as
 * behind a load balancer (docs/centre.md, "Several responders on one PostgreSQL"). Started
 * together on an empty data directory, they make one set of CA keys. A certificate issued
 * through one and revoked through another is revoked in the OCSP answers of all three within the
 * follow interval (plus a margin for a loaded machine; the observed delays are printed). Under OCSP
 * load from client threads on each, the CRL publication's leader is killed (SIGKILL): the other two
 * answer every request correctly after the kill, see a revocation made after it, and one of them
 * takes over the CRL publication (its process holds the lead, and a delta CRL numbered past the
 * last one before the kill lists the revocation).
 */
class ScaleOutIT {
    private static final int RESPONDERS = 3;
    private static final Duration FOLLOW = Duration.ofSeconds(1);
    /** Beyond the documented bound (the follow interval and one query): a loaded 2-core machine, three JVMs on it. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    /** Only the bound of a wait for any other event. */
    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final int CLIENTS_PER_RESPONDER = 2;
    private static final int ANSWERS = 100;
    private static final String KEY_COMPROMISE = OcspStatus.revoked(CRLReason.keyCompromise);
    private static final String SUPERSEDED = OcspStatus.revoked(CRLReason.superseded);

    @TempDir
    Path dir;

    @Test
    void threeRespondersAnswerEachOthersChangesAndOutliveTheDeathOfTheCrlLeader() throws Exception {
        assertTrue(PostgresSchema.configured(), PostgresSchema.howToConfigure());
        long testStart = System.nanoTime();
        try (PostgresSchema schema = PostgresSchema.create("scale_it")) {
            List<CentreProcess> responders = startTogether(dir.resolve("data"), schema);
            try {
                assertOneCaAndOneLeader(responders);
                X509Certificate signCa = certificate(responders.get(0).client().authorityCertificate("sign", true));
                KeyPair key = holderKey();

                revocationThroughOneReachesAll(responders, signCa, key);
                underLoadTheLeaderDies(responders, signCa, key, schema);
            } finally {
                for (CentreProcess responder : responders) {
                    responder.close();
                }
            }
        }
        System.out.printf("scale-out test: %,d ms in all%n", (System.nanoTime() - testStart) / 1_000_000);
    }

    private static List<CentreProcess> startTogether(Path data, PostgresSchema schema) throws Exception {
        Map<String, String> environment = Map.of("MYNACARD_JDBC_URL", schema.url(), "MYNACARD_JDBC_USER", schema.user(),
                "MYNACARD_JDBC_PASSWORD", schema.password());
        ExecutorService starting = Executors.newFixedThreadPool(RESPONDERS);
        try {
            List<Future<CentreProcess>> started = new ArrayList<>();
            for (int i = 0; i < RESPONDERS; i++) {
                String context = " (responder " + i + " of " + RESPONDERS + " started together)";
                started.add(starting.submit((Callable<CentreProcess>) () -> CentreProcess.start(data, environment, context,
                        "--follow-interval", FOLLOW.toString(), "--delta-crl-interval", "PT2S",
                        // what a load balancer's clients reach: the same in every certificate and CRL, whoever made it
                        "--public-url", "http://responders.test/")));
            }
            List<CentreProcess> responders = new ArrayList<>();
            for (Future<CentreProcess> responder : started) {
                responders.add(responder.get(AWAIT.toSeconds() * 3, TimeUnit.SECONDS));
            }
            return responders;
        } finally {
            starting.shutdownNow();
        }
    }

    private static void assertOneCaAndOneLeader(List<CentreProcess> responders) {
        List<String> signCas = new ArrayList<>();
        int leaders = 0;
        for (CentreProcess responder : responders) {
            signCas.add(Base64.getEncoder().encodeToString(responder.client().authorityCertificate("sign", true)));
            leaders += responder.output().contains("  CRL publisher this process (it leads)") ? 1 : 0;
            assertTrue(responder.output().stream().anyMatch(line -> line.contains("answered here within 1000 ms")),
                    "the bound is printed at startup: " + responder.output());
        }
        assertEquals(1, signCas.stream().distinct().count(), "started together, they made more than one CA key");
        assertEquals(1, leaders, "one CRL publisher at startup: " + responders.stream().map(CentreProcess::output).toList());
    }

    private static void revocationThroughOneReachesAll(List<CentreProcess> responders, X509Certificate signCa,
                                                       KeyPair key) throws Exception {
        IssuedCertificate issued = responders.get(0).client().issue("sign", key.getPublic(),
                Holder.sample().basicAttributes(), LocalDate.of(2034, 3, 31));
        OcspStatus status = new OcspStatus(signCa, new BigInteger(issued.serial(), 16));
        for (CentreProcess responder : responders) {
            // each now answers "good" from its cache: only the change feed can make it say otherwise
            assertEquals(OcspStatus.GOOD, status.askedOf(responder.client()));
        }

        responders.get(1).client().revoke(issued.serial(), "keyCompromise", "sign");
        long acknowledged = System.nanoTime();

        long[] delays = awaitAnswer(responders, status, KEY_COMPROMISE, acknowledged);
        for (int i = 0; i < RESPONDERS; i++) {
            System.out.printf("scale-out: responder %d answered the revocation made through responder 1 %d ms after "
                    + "its acknowledgement (bound %d ms and one query)%n", i, delays[i], FOLLOW.toMillis());
        }
    }

    private static void underLoadTheLeaderDies(List<CentreProcess> responders, X509Certificate signCa, KeyPair key,
                                               PostgresSchema schema) throws Exception {
        Map<OcspStatus, String> expected = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            CentreProcess through = responders.get(i % RESPONDERS);
            IssuedCertificate issued = through.client().issue("sign", key.getPublic(), Holder.sample().basicAttributes(),
                    LocalDate.of(2034, 3, 31));
            String state = OcspStatus.GOOD;
            if (i % 3 == 2) {
                responders.get((i + 1) % RESPONDERS).client().revoke(issued.serial(), "superseded", "sign");
                state = SUPERSEDED;
            }
            expected.put(new OcspStatus(signCa, new BigInteger(issued.serial(), 16)), state);
        }
        IssuedCertificate late = responders.get(0).client().issue("sign", key.getPublic(),
                Holder.sample().basicAttributes(), LocalDate.of(2034, 3, 31));
        OcspStatus lateStatus = new OcspStatus(signCa, new BigInteger(late.serial(), 16));
        for (Map.Entry<OcspStatus, String> certificate : expected.entrySet()) {
            awaitAnswer(responders, certificate.getKey(), certificate.getValue(), System.nanoTime());
        }
        awaitAnswer(responders, lateStatus, OcspStatus.GOOD, System.nanoTime());

        int leader = leader(responders, schema).orElseThrow(() -> new AssertionError("no process leads the CRLs"));
        List<CentreProcess> survivors = new ArrayList<>(responders);
        survivors.remove(leader);
        X509CRL deltaBeforeKill = crl(survivors.get(0).client().crl("sign", true));

        try (OcspLoad load = new OcspLoad(responders, expected)) {
            await("every responder answers " + ANSWERS + " requests under load",
                    () -> load.leastAnswered(List.of(0, 1, 2)) >= ANSWERS);
            load.kill(leader);
            long killedAt = System.nanoTime();
            List<Integer> survivorIndexes = new ArrayList<>(List.of(0, 1, 2));
            survivorIndexes.remove(Integer.valueOf(leader));
            long[] atKill = load.answered();

            // a revocation through a survivor after the kill, while the load goes on
            survivors.get(0).client().revoke(late.serial(), "keyCompromise", "sign");
            long revokedAt = System.nanoTime();
            long[] delays = awaitAnswer(survivors, lateStatus, KEY_COMPROMISE, revokedAt);
            await("each survivor answers " + ANSWERS + " more requests after the kill",
                    () -> survivorIndexes.stream().allMatch(i -> load.answered()[i] >= atKill[i] + ANSWERS));
            load.stop();

            for (int i : survivorIndexes) {
                assertEquals(List.of(), load.errorsOf(i), "responder " + i + " survived the kill of " + leader);
            }
            assertEquals(List.of(), load.errorsBefore(killedAt), "no responder failed before the kill");
            long[] answered = load.answered();
            System.out.printf("scale-out: under load (%d client threads per responder) responder %d killed after "
                    + "%d answers; the survivors answered %d and %d more, none wrong; the revocation after the kill "
                    + "reached them in %d and %d ms%n", CLIENTS_PER_RESPONDER, leader, atKill[leader],
                    answered[survivorIndexes.get(0)] - atKill[survivorIndexes.get(0)],
                    answered[survivorIndexes.get(1)] - atKill[survivorIndexes.get(1)], delays[0], delays[1]);
            crlPublicationTakenOver(survivors, survivorIndexes, responders, schema, deltaBeforeKill, lateStatus.serial(),
                    killedAt);
        }
    }

    private static void crlPublicationTakenOver(List<CentreProcess> survivors, List<Integer> survivorIndexes,
                                                List<CentreProcess> responders, PostgresSchema schema,
                                                X509CRL deltaBeforeKill, BigInteger revokedAfterKill, long killedAt)
            throws Exception {
        int[] newLeader = {-1};
        await("a survivor leads the CRL publication", () -> {
            OptionalLong pid = leaderPid(schema);
            newLeader[0] = pid.isPresent() ? indexOf(responders, pid.getAsLong()) : -1;
            return survivorIndexes.contains(newLeader[0]);
        });
        long tookOver = System.nanoTime();
        X509CRL[] published = {null};
        await("a delta CRL published after the kill lists the revocation made after it", () -> {
            X509CRL delta = crl(survivors.get(0).client().crl("sign", true));
            published[0] = delta;
            return delta.getRevokedCertificate(revokedAfterKill) != null;
        });
        BigInteger before = crlNumber(deltaBeforeKill);
        BigInteger after = crlNumber(published[0]);
        assertTrue(after.compareTo(before) > 0, "CRL number " + after + " after the kill, " + before + " before");
        assertTrue(!published[0].getThisUpdate().before(deltaBeforeKill.getThisUpdate()), "thisUpdate went back");
        System.out.printf("scale-out: responder %d took over the CRL publication %d ms after the kill; delta CRL %d "
                + "(thisUpdate %s) after %d (%s) lists the revocation %d ms after the kill%n", newLeader[0],
                (tookOver - killedAt) / 1_000_000, after, published[0].getThisUpdate().toInstant(), before,
                deltaBeforeKill.getThisUpdate().toInstant(), (System.nanoTime() - killedAt) / 1_000_000);
    }

    /**
     * Asks each centre in turn until each answers {@code answer}, failing once the documented bound
     * and the margin have passed since {@code since}; answers each one's delay in milliseconds.
     */
    private static long[] awaitAnswer(List<CentreProcess> centres, OcspStatus status, String answer, long since)
            throws InterruptedException {
        long[] delays = new long[centres.size()];
        java.util.Arrays.fill(delays, -1);
        List<String> last = new ArrayList<>();
        long deadline = since + FOLLOW.plus(MARGIN).toNanos();
        while (true) {
            last.clear();
            boolean all = true;
            for (int i = 0; i < centres.size(); i++) {
                if (delays[i] >= 0) {
                    continue;
                }
                String said = status.askedOf(centres.get(i).client());
                if (said.equals(answer)) {
                    delays[i] = (System.nanoTime() - since) / 1_000_000;
                } else {
                    all = false;
                    last.add(centres.get(i).uri() + " said " + said);
                }
            }
            if (all) {
                return delays;
            }
            if (System.nanoTime() > deadline) {
                fail("serial " + status.serial().toString(16) + " not " + answer + " everywhere within "
                        + FOLLOW.plus(MARGIN).toMillis() + " ms: " + last);
            }
            Thread.sleep(10);
        }
    }

    /** The index of the responder whose process holds the CRL lead of this schema, per PostgreSQL. */
    private static OptionalLong leaderPid(PostgresSchema schema) {
        try (Connection connection = schema.connect();
                PreparedStatement query = connection.prepareStatement("SELECT a.application_name FROM pg_locks l "
                        + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                        + "AND a.application_name LIKE 'jlis CRL leader, pid %' "
                        + "AND l.objid = (hashtext(current_schema())::bigint & 4294967295)::text::oid")) {
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? OptionalLong.of(Long.parseLong(row.getString(1).replaceAll("\\D+", "")))
                        : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL who leads: " + e.getMessage(), e);
        }
    }

    private static java.util.Optional<Integer> leader(List<CentreProcess> responders, PostgresSchema schema) {
        OptionalLong pid = leaderPid(schema);
        if (pid.isEmpty()) {
            return java.util.Optional.empty();
        }
        int index = indexOf(responders, pid.getAsLong());
        assertTrue(index >= 0, "the lead is held by pid " + pid.getAsLong() + ", none of the responders");
        return java.util.Optional.of(index);
    }

    private static int indexOf(List<CentreProcess> responders, long pid) {
        for (int i = 0; i < responders.size(); i++) {
            if (responders.get(i).pid() == pid) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Client threads asking each responder, a few per responder, each about certificates whose answer
     * is known, until stopped; every answer that is not the expected one, or no answer, is an error.
     */
    private static final class OcspLoad implements AutoCloseable {
        private record Error(int responder, long at, String what) {
        }

        private final AtomicLongArray answered;
        private final Queue<Error> errors = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final boolean[] killed;
        private final List<CentreProcess> responders;
        private final ExecutorService clients;

        OcspLoad(List<CentreProcess> responders, Map<OcspStatus, String> expected) {
            this.responders = responders;
            this.answered = new AtomicLongArray(responders.size());
            this.killed = new boolean[responders.size()];
            this.clients = Executors.newFixedThreadPool(responders.size() * CLIENTS_PER_RESPONDER);
            List<OcspStatus> certificates = new ArrayList<>(expected.keySet());
            for (int i = 0; i < responders.size() * CLIENTS_PER_RESPONDER; i++) {
                int responder = i % responders.size();
                CentreClient client = new CentreClient(responders.get(responder).uri(), null);
                clients.submit(() -> {
                    while (!stopped.get() && !killed(responder)) {
                        OcspStatus certificate = certificates.get(ThreadLocalRandom.current().nextInt(certificates.size()));
                        try {
                            String said = certificate.askedOf(client);
                            if (said.equals(expected.get(certificate))) {
                                answered.incrementAndGet(responder);
                            } else {
                                errors.add(new Error(responder, System.nanoTime(), "serial "
                                        + certificate.serial().toString(16) + ": " + said));
                            }
                        } catch (RuntimeException e) {
                            if (!killed(responder)) {
                                errors.add(new Error(responder, System.nanoTime(), e.toString()));
                            }
                        }
                    }
                });
            }
        }

        private synchronized boolean killed(int responder) {
            return killed[responder];
        }

        /** SIGKILL of a responder; its clients stop asking it. */
        void kill(int responder) throws InterruptedException {
            synchronized (this) {
                killed[responder] = true;
            }
            responders.get(responder).kill();
        }

        long[] answered() {
            long[] counts = new long[answered.length()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = answered.get(i);
            }
            return counts;
        }

        long leastAnswered(List<Integer> of) {
            return of.stream().mapToLong(answered::get).min().orElse(0);
        }

        List<String> errorsOf(int responder) {
            return errors.stream().filter(error -> error.responder() == responder).map(Error::what).toList();
        }

        List<String> errorsBefore(long nanoTime) {
            return errors.stream().filter(error -> error.at() < nanoTime).map(Error::what).toList();
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            clients.shutdown();
            assertTrue(clients.awaitTermination(AWAIT.toSeconds(), TimeUnit.SECONDS), "the load's clients did not stop");
        }

        @Override
        public void close() {
            stopped.set(true);
            clients.shutdownNow();
        }
    }

    private static void await(String what, BooleanSupplier event) throws InterruptedException {
        Eventually.await(what, AWAIT, event);
    }

    private static KeyPair holderKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static X509CRL crl(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException("not a CRL", e);
        }
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] extension = crl.getExtensionValue("2.5.29.20");
        assertNotNull(extension, "no CRL number");
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
    }
}
