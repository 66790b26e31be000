package jp.mynacard.jlis.crl;

import static jp.mynacard.jlis.crl.CrlWriterTest.crlNumber;
import static jp.mynacard.jlis.crl.CrlWriterTest.entries;
import static jp.mynacard.jlis.crl.CrlWriterTest.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.InMemoryRevocationRegistry;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevokedEntry;
import jp.mynacard.testing.MutableClock;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlPublisherTest {
    static final URI BASE_URL = URI.create("http://127.0.0.1:8080/crl/");
    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static Map<CertificateUsage, CertificateAuthority> authorities;

    @TempDir
    Path directory;
    private InMemoryRevocationRegistry registry;
    private MutableClock clock;

    @BeforeAll
    static void authorities() {
        authorities = Map.of(
                CertificateUsage.SIGNATURE, CertificateAuthority.create(CertificateUsage.SIGNATURE.caName(), Clock.systemUTC()),
                CertificateUsage.USER_AUTHENTICATION,
                CertificateAuthority.create(CertificateUsage.USER_AUTHENTICATION.caName(), Clock.systemUTC()));
    }

    @BeforeEach
    void registry() {
        registry = new InMemoryRevocationRegistry();
        clock = new MutableClock(START);
        issueAndRevoke(CertificateUsage.SIGNATURE, 1, RevocationReason.AFFILIATION_CHANGED);
        issueAndRevoke(CertificateUsage.USER_AUTHENTICATION, 2, RevocationReason.KEY_COMPROMISE);
    }

    @Test
    void publishNowWritesAFullAndADeltaCrlPerCa() throws Exception {
        publisher().publishNow();

        assertEquals(Set.of("sign.crl", "sign-delta.crl", "auth.crl", "auth-delta.crl", "sign-ca.crl", "auth-ca.crl",
                CrlPublisher.STATE_FILE),
                fileNames(), "no temporary file left behind");
        for (CertificateUsage usage : CertificateUsage.values()) {
            X509CRL full = crl(directory.resolve(usage.shortName() + ".crl"));
            X509CRL delta = crl(directory.resolve(usage.shortName() + "-delta.crl"));
            full.verify(authorities.get(usage).publicKey());
            delta.verify(authorities.get(usage).publicKey());
            assertEquals(1, entries(full).size());
            assertEquals(0, entries(delta).size(), "nothing changed since the full CRL");
            assertEquals(BASE_URL + usage.shortName() + "-delta.crl", freshestCrl(full));
            assertEquals(crlNumber(full, "2.5.29.20"), crlNumber(delta, "2.5.29.27"));
            assertEquals(crlNumber(full, "2.5.29.20").add(BigInteger.ONE), crlNumber(delta, "2.5.29.20"));
            assertEquals(START.plus(Duration.ofHours(24)), full.getNextUpdate().toInstant());
            assertEquals(START.plus(Duration.ofMinutes(15)), delta.getNextUpdate().toInstant());
        }
    }

    @Test
    void deltasListChangesSinceTheBaseWithIncreasingNumbers() throws Exception {
        CrlPublisher publisher = publisher();
        publisher.publishNow();
        BigInteger fullNumber = crlNumber(crl(publisher.fullCrl(CertificateUsage.SIGNATURE)), "2.5.29.20");
        BigInteger previous = crlNumber(crl(publisher.deltaCrl(CertificateUsage.SIGNATURE)), "2.5.29.20");

        issueAndRevoke(CertificateUsage.SIGNATURE, 3, RevocationReason.CERTIFICATE_HOLD);
        clock.advance(Duration.ofMinutes(15));
        publisher.publishDeltas();
        X509CRL delta = crl(publisher.deltaCrl(CertificateUsage.SIGNATURE));
        assertEquals(Set.of(BigInteger.valueOf(3)), entries(delta).keySet());
        assertEquals(fullNumber, crlNumber(delta, "2.5.29.27"));
        assertTrue(crlNumber(delta, "2.5.29.20").compareTo(previous) > 0);

        issueAndRevoke(CertificateUsage.SIGNATURE, 4, RevocationReason.SUPERSEDED);
        publisher.publishNow();
        X509CRL full = crl(publisher.fullCrl(CertificateUsage.SIGNATURE));
        assertEquals(Set.of(BigInteger.ONE, BigInteger.valueOf(3), BigInteger.valueOf(4)), entries(full).keySet());
        assertTrue(crlNumber(full, "2.5.29.20").compareTo(crlNumber(delta, "2.5.29.20")) > 0);
    }

    @Test
    void aRestartedPublisherExtendsTheFullCrlAlreadyPublished() throws Exception {
        publisher().publishNow();
        BigInteger fullNumber = crlNumber(crl(directory.resolve("auth.crl")), "2.5.29.20");
        issueAndRevoke(CertificateUsage.USER_AUTHENTICATION, 5, RevocationReason.CESSATION_OF_OPERATION);

        CrlPublisher restarted = publisher();
        assertEquals(Duration.ofHours(24), restarted.untilNextFull());
        restarted.publishDeltas();

        X509CRL delta = crl(directory.resolve("auth-delta.crl"));
        assertEquals(fullNumber, crlNumber(delta, "2.5.29.27"));
        assertEquals(Set.of(BigInteger.valueOf(5)), entries(delta).keySet());
        assertEquals(fullNumber, crlNumber(crl(directory.resolve("auth.crl")), "2.5.29.20"), "full CRL untouched");
    }

    @Test
    void aFailedPublicationLeavesThePublishedFilesAsTheyWere() throws Exception {
        boolean[] failing = {false};
        registry = new InMemoryRevocationRegistry() {
            @Override
            public synchronized void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries) {
                if (failing[0]) {
                    throw new IllegalStateException("database gone");
                }
                super.forEachRevoked(usage, after, upTo, entries);
            }
        };
        CrlPublisher publisher = publisher();
        publisher.publishNow();
        byte[] before = Files.readAllBytes(publisher.deltaCrl(CertificateUsage.SIGNATURE));

        failing[0] = true;
        assertThrows(IllegalStateException.class, publisher::publishDeltas);

        assertArrayEquals(before, Files.readAllBytes(publisher.deltaCrl(CertificateUsage.SIGNATURE)));
        assertEquals(7, fileNames().size(), "no temporary file left behind: " + fileNames());
    }

    @Test
    void aFullCrlFallsDueAfterItsInterval() throws Exception {
        CrlPublisher publisher = publisher();
        assertEquals(Duration.ZERO, publisher.untilNextFull(), "never published");
        publisher.publishNow();
        clock.advance(Duration.ofHours(20));
        assertEquals(Duration.ofHours(4), publisher.untilNextFull());
        clock.advance(Duration.ofHours(5));
        assertEquals(Duration.ZERO, publisher.untilNextFull());
    }

    private CrlPublisher publisher() {
        return new CrlPublisher(registry, authorities::get, directory, BASE_URL, CrlIntervals.DEFAULT, clock);
    }

    private void issueAndRevoke(CertificateUsage usage, long serial, RevocationReason reason) {
        BigInteger number = BigInteger.valueOf(serial);
        registry.recordIssued(usage, number, START.plus(Duration.ofDays(365)), new byte[0]);
        if (reason == RevocationReason.CERTIFICATE_HOLD) {
            registry.suspend(usage, number, clock.instant());
        } else {
            registry.revoke(usage, number, reason, clock.instant(), null);
        }
    }

    private Set<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return Set.copyOf(files.map(file -> file.getFileName().toString()).toList());
        }
    }

    static X509CRL crl(Path file) throws Exception {
        return parse(Files.readAllBytes(file));
    }

    private static String freshestCrl(X509CRL crl) {
        CRLDistPoint points = CRLDistPoint.getInstance(
                ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.46")).getOctets());
        return ((GeneralNames) points.getDistributionPoints()[0].getDistributionPoint().getName())
                .getNames()[0].getName().toString();
    }
}
