package jp.mynacard.jlis.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One PKCS#12 key store opened by several centres at once, as processes sharing a data directory
 * open it: one set of keys when they start together, and no write from an older copy losing what
 * another centre kept since.
 */
class SharedKeyStoreTest {
    private static final CertificateUsage SIGN = CertificateUsage.SIGNATURE;
    private static final PublicationPoints POINTS = PublicationPoints.at("http://centre.example/");
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    @Test
    void centresOpeningANewDataDirectoryTogetherMakeOneSetOfKeys() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<CentreKeys>> opening = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                opening.add(pool.submit((Callable<CentreKeys>) () -> CentreKeyStore.pkcs12(dir, CLOCK)));
            }
            List<X509Certificate> signatureCas = new ArrayList<>();
            for (Future<CentreKeys> keys : opening) {
                signatureCas.add(keys.get(120, TimeUnit.SECONDS).signatureCa().certificate());
            }
            assertEquals(1, signatureCas.stream().distinct().count(), "one signature CA key, not " + signatureCas.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSignerCertifiedFromAnOlderCopyKeepsTheGenerationAnotherCentreAdded() throws Exception {
        CentreKeyStore rolling = CentreKeyStore.openPkcs12(dir, CLOCK);
        CentreKeyStore older = CentreKeyStore.openPkcs12(dir, CLOCK);
        rolling.keys().rollover(SIGN, POINTS, CLOCK);

        CertificateAuthority ca = older.keys().signatureCa();
        older.certifySigner("sign-crl-signer", key -> CrlSignerCertificates.issue(ca, ca.name(), key, CLOCK.instant(),
                POINTS.infrastructureCrl(SIGN)));

        CentreKeys reopened = CentreKeyStore.pkcs12(dir, CLOCK);
        assertEquals(2, reopened.generations(SIGN).current().number(), "the rollover's key survived the other write");
        assertTrue(CentreKeyStore.openPkcs12(dir, CLOCK).signer("sign-crl-signer").isPresent());
    }

    @Test
    void aCentreThatMissedAnotherCentresRolloverRefusesToRollOverAndKeepsTheLinks() throws Exception {
        CentreKeyStore rolling = CentreKeyStore.openPkcs12(dir, CLOCK);
        CentreKeyStore older = CentreKeyStore.openPkcs12(dir, CLOCK);
        List<X509Certificate> links = rolling.keys().rollover(SIGN, POINTS, CLOCK).links();

        IOException refused = assertThrows(IOException.class, () -> older.keys().rollover(SIGN, POINTS, CLOCK));

        assertTrue(refused.getMessage().contains("restart this process"), refused.getMessage());
        CentreKeys reopened = CentreKeyStore.pkcs12(dir, CLOCK);
        assertEquals(2, reopened.generations(SIGN).current().number());
        assertEquals(links, reopened.generations(SIGN).links());
    }
}
