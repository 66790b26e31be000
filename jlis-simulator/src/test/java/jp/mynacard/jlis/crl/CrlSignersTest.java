package jp.mynacard.jlis.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import jp.mynacard.jlis.ca.CentreKeyStore;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.CrlSignerCertificates;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The separate CRL signer follows the current CA: kept in the key store, certified again after a rollover or near its end. */
class CrlSignersTest {
    private static final CertificateUsage USAGE = CertificateUsage.SIGNATURE;
    private static final PublicationPoints POINTS = PublicationPoints.at("http://127.0.0.1:8080/");

    @TempDir
    Path dir;

    @Test
    void theSignerIsKeptReissuedByANewCaAndRenewedNearItsEnd() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        CentreKeyStore store = CentreKeyStore.openPkcs12(dir, clock);
        AtomicReference<CertificateAuthority> current = new AtomicReference<>(store.keys().signatureCa());
        CrlSigners signers = CrlSigners.separate(usage -> current.get(), store, POINTS, clock);

        X509Certificate first = signers.holderCrlSigner(USAGE).certificate();
        assertSame(first, signers.holderCrlSigner(USAGE).certificate(), "nothing to renew");
        first.verify(current.get().publicKey());
        assertEquals(first, CentreKeyStore.openPkcs12(dir, clock).signer("sign-crl-signer").orElseThrow().certificate(),
                "kept in the key store");
        assertEquals(first, CrlSigners.separate(usage -> current.get(), CentreKeyStore.openPkcs12(dir, clock), POINTS, clock)
                .holderCrlSigner(USAGE).certificate(), "a restart signs with the same certificate");

        // a rollover: the current CA has a new key
        current.set(CertificateAuthority.create(USAGE.caName(), clock));
        X509Certificate afterRollover = signers.holderCrlSigner(USAGE).certificate();
        afterRollover.verify(current.get().publicKey());
        assertEquals(first.getPublicKey(), afterRollover.getPublicKey(), "the signer's key is kept");
        assertNotEquals(first.getSerialNumber(), afterRollover.getSerialNumber());

        clock.advance(CrlSignerCertificates.VALIDITY.minus(CrlSigners.RENEW_BEFORE).plus(Duration.ofDays(1)));
        X509Certificate renewed = signers.holderCrlSigner(USAGE).certificate();
        assertNotEquals(afterRollover.getSerialNumber(), renewed.getSerialNumber());
        assertTrue(renewed.getNotAfter().after(afterRollover.getNotAfter()));
    }

    @Test
    void inCaModeTheCaSignsAndNoSignerCertificateIsServed() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        CentreKeyStore store = CentreKeyStore.openPkcs12(dir, clock);
        CrlSigners signers = CrlSigners.caKey(store.keys()::authority, POINTS);
        assertSame(store.keys().signatureCa(), signers.holderCrlSigner(USAGE));
        assertTrue(signers.separateSignerCertificate(USAGE).isEmpty());
        assertEquals(POINTS.caCertificates(USAGE), signers.holderCrlSignerCertificate(USAGE));
        assertTrue(store.signer("sign-crl-signer").isEmpty(), "no key made for nothing");
    }
}
