package jp.mynacard.jlis.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generations and links in the PKCS#12 key store and {@code keys/}: what a restart finds, and what a crash leaves. */
class CaGenerationsKeptTest {
    private static final CertificateUsage SIGN = CertificateUsage.SIGNATURE;
    private static final PublicationPoints POINTS = PublicationPoints.at("http://centre.example/");

    @TempDir
    Path dir;

    @Test
    void aReopenedKeyStoreHasTheSameGenerationsLinksAndCurrent() throws Exception {
        CentreKeys keys = CentreKeyStore.pkcs12(dir, Clock.systemUTC());
        keys.rollover(SIGN, POINTS, Clock.systemUTC());
        CaRollover third = keys.rollover(SIGN, POINTS, Clock.systemUTC());
        assertEquals(3, third.generation().number());

        CentreKeys reopened = CentreKeyStore.pkcs12(dir, Clock.systemUTC());
        CaGenerations generations = reopened.generations(SIGN);
        assertEquals(3, generations.current().number());
        assertEquals(third.generation().certificate(), reopened.signatureCa().certificate());
        assertEquals(certificates(keys.generations(SIGN)), certificates(generations));
        assertEquals(keys.generations(SIGN).links(), generations.links());
        assertEquals(4, generations.links().size());
        assertEquals(1, reopened.generations(CertificateUsage.USER_AUTHENTICATION).all().size(), "auth untouched");
        assertArrayEquals(keys.cardDataSigner().certificate().getEncoded(), reopened.cardDataSigner().certificate().getEncoded());
        // the reopened current key signs: it is the key, not just its certificate
        X509Certificate link = reopened.rollover(SIGN, POINTS, Clock.systemUTC()).links().get(0);
        link.verify(generations.generation(3).orElseThrow().authority().publicKey());
    }

    @Test
    void linksToAKeyACrashKeptFromTheStoreAreIgnored() throws Exception {
        CentreKeys keys = CentreKeyStore.pkcs12(dir, Clock.systemUTC());
        keys.rollover(SIGN, POINTS, Clock.systemUTC());
        CaGenerations generations = keys.generations(SIGN);
        // what a crash between writing the links and keeping the key leaves: links to a generation 3 that never was
        CaGeneration lost = new CaGeneration(3, CertificateAuthority.create(SIGN.caName(), Clock.systemUTC()));
        List<X509Certificate> written = new ArrayList<>(generations.links());
        written.addAll(LinkCertificates.between(SIGN, generations.current(), lost, POINTS, Clock.systemUTC()));
        new LinkCertificateFile(dir.resolve("keys")).write(SIGN, written);

        CentreKeys reopened = CentreKeyStore.pkcs12(dir, Clock.systemUTC());
        assertEquals(2, reopened.generations(SIGN).current().number());
        assertEquals(generations.links(), reopened.generations(SIGN).links());
        CaRollover again = reopened.rollover(SIGN, POINTS, Clock.systemUTC());
        assertEquals(3, again.generation().number());
        assertEquals(4, CentreKeyStore.pkcs12(dir, Clock.systemUTC()).generations(SIGN).links().size());
    }

    private static List<X509Certificate> certificates(CaGenerations generations) {
        return generations.all().stream().map(CaGeneration::certificate).toList();
    }
}
