package jp.mynacard.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.perso.channel.PersonalizationSession;
import org.junit.jupiter.api.Test;

/**
 * Tearing (docs/robustness.md, "Tearing"): a counter's certificate renewal on a locked JPKI AP,
 * with the power cut before each of the card's persistent writes in turn ({@link PowerCut}), then
 * a new session on the same card. Whatever the cut, LOCK never pairs a key with another key's
 * certificate, READ BINARY never serves part of a certificate, and the counter's renewal done
 * again afterwards always succeeds. The "certificates" name their key (the modulus after the DER
 * header), so a stale one is told from a fresh one by a signature.
 */
class TearingTest {
    private static final int AUTH_KEY = 0x0017;
    private static final int AUTH_CERT = 0x000A;
    private static final int CERTIFICATE_SIZE = 1412;
    private static final int SW_OK = 0x9000;
    /** READ BINARY of an empty EF: offset 0 is beyond its end. */
    private static final int SW_EMPTY = 0x6B00;
    private static final int SW_REFUSED = 0x6985;
    /** Writes a renewal makes: tens; a harness that cut at fewer would prove little. */
    private static final int MIN_CUTS = 10;
    private static final int RENEWAL_ATTEMPTS = 5;

    /** The moduli of the keys seen to sign right under their own certificate. */
    private final Set<BigInteger> goodKeys = new HashSet<>();

    @Test
    void aCutDuringKeyGenerationNeverLeavesTheNewKeyBesideTheOldCertificate() {
        WireCard card = issuedCard(new HashSet<>());
        renewAfterTheCut(card, new HashSet<>(), "before any cut");
        int cuts = 0;
        for (int n = 1; PowerCut.tear(card, n, () -> session(card).generateKeyPair(AUTH_KEY)); n++) {
            cuts++;
            if (lockInNewSession(card) == SW_OK) {
                assertCertificateNamesTheKey(card, "LOCK accepted the card after a cut before write " + n);
            }
            renewAfterTheCut(card, new HashSet<>(), "the renewal done again after a cut before write " + n);
        }
        assertTrue(cuts >= 5, "the harness cut key generation at " + cuts + " writes");
    }

    @Test
    void aCutDuringCertificateRenewalNeverServesNorLocksHalfACertificate() {
        Set<String> written = new HashSet<>();
        WireCard card = issuedCard(written);
        renewAfterTheCut(card, written, "before any cut");
        int cuts = 0;
        for (int n = 1; PowerCut.tear(card, n, () -> renew(card, written)); n++) {
            cuts++;
            assertServesNoHalfCertificate(card, written, "after a cut before write " + n);
            if (lockInNewSession(card) == SW_OK) {
                assertServesNoHalfCertificate(card, written, "LOCKed after a cut before write " + n);
                assertCertificateNamesTheKey(card, "LOCK accepted the card after a cut before write " + n);
            }
            renewAfterTheCut(card, written, "the renewal done again after a cut before write " + n);
        }
        assertTrue(cuts >= MIN_CUTS, "the harness cut the renewal at " + cuts + " writes");
    }

    /** A JPKI AP issued and LOCKed, its authentication certificate naming its key. */
    private static WireCard issuedCard(Set<String> written) {
        WireCard card = new WireCard().installJpki();
        JpkiWirePersonalization perso = JpkiWirePersonalization.personalize(card);
        byte[] certificate = certificateFor(perso.authKey);
        written.add(WireCard.hex(certificate));
        JpkiWirePersonalization.writeEf(card, "000A", certificate);
        assertEquals(SW_OK, card.lock());
        return card;
    }

    /** The renewal done again after a cut, until the card holds a key that signs right. */
    private void renewAfterTheCut(WireCard card, Set<String> written, String when) {
        for (int attempt = 0; attempt < RENEWAL_ATTEMPTS; attempt++) {
            renew(card, written);
            if (assertCertificateNamesTheKey(card, when)) {
                return;
            }
        }
        throw new AssertionError(when + ": no renewal gave a key that signs right");
    }

    /** The counter's renewal of the authentication key and certificate, as {@code CertificateRenewal} sends it. */
    private static void renew(WireCard card, Set<String> written) {
        PersonalizationSession session = session(card);
        byte[] certificate = certificateFor(session.generateKeyPair(AUTH_KEY));
        written.add(WireCard.hex(certificate));
        session.writeFile(AUTH_CERT, certificate);
        session.lock();
    }

    private static PersonalizationSession session(WireCard card) {
        card.selectJpki();
        return card.perso();
    }

    private static int lockInNewSession(WireCard card) {
        card.selectJpki();
        return card.lock();
    }

    /** READ BINARY of the (public) certificate EF: a whole certificate the host wrote, empty, or refused; never part of one. */
    private static void assertServesNoHalfCertificate(WireCard card, Set<String> written, String when) {
        ResponseAPDU read = readCertificate(card);
        int sw = read.getSW();
        assertTrue(sw == SW_OK || sw == SW_EMPTY || sw == SW_REFUSED, when + ": READ BINARY answered " + Integer.toHexString(sw));
        if (sw == SW_OK) {
            assertTrue(written.contains(WireCard.hex(read.getData())),
                    when + ": READ BINARY served " + read.getData().length + " bytes that are no certificate written whole");
        }
    }

    /**
     * The authentication key signs, and the signature verifies under the key the certificate EF
     * names (true); or it does not, and that key never signed right (a key jcardsim got wrong: false).
     */
    private boolean assertCertificateNamesTheKey(WireCard card, String when) {
        ResponseAPDU read = readCertificate(card);
        assertEquals(SW_OK, read.getSW(), when + ": the certificate reads");
        byte[] certificate = read.getData();
        assertEquals(CERTIFICATE_SIZE, certificate.length, when + ": the certificate reads whole");
        card.selectEf("0018");
        assertEquals(SW_OK, card.verify(JpkiWirePersonalization.AUTH_PIN), when + ": the authentication PIN");
        card.selectEf("0017");
        RSAPublicKey named = publicKeyNamedBy(certificate);
        byte[] digestInfo = digestInfo(when);
        byte[] signature = card.ok(new CommandAPDU(0x80, 0x2A, 0x00, 0x80, digestInfo, 256));
        if (verifies(named, digestInfo, signature)) {
            goodKeys.add(named.getModulus());
            return true;
        }
        // a few in a hundred of jcardsim's RSA keys sign wrong every time, paired or not: only a
        // certificate whose key has signed right before proves a stale pairing
        assertFalse(goodKeys.contains(named.getModulus()),
                when + ": the key signs, but not as the certificate says (a stale certificate beside a new key)");
        return false;
    }

    private static ResponseAPDU readCertificate(WireCard card) {
        card.selectJpki();
        card.selectEf("000A");
        return card.send("00B00000000000");
    }

    /** {@code 30 82 <length>} then the key's 256-byte modulus, then filler: as long as a real one. */
    private static byte[] certificateFor(RSAPublicKey key) {
        byte[] certificate = JpkiWirePersonalization.certificateShaped(CERTIFICATE_SIZE, 0x0A);
        byte[] modulus = key.getModulus().toByteArray();
        int length = KeyFile.MODULUS_LENGTH;
        System.arraycopy(modulus, modulus.length - length, certificate, 4, length);
        return certificate;
    }

    private static RSAPublicKey publicKeyNamedBy(byte[] certificate) {
        BigInteger modulus = new BigInteger(1, Arrays.copyOfRange(certificate, 4, 4 + KeyFile.MODULUS_LENGTH));
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean verifies(RSAPublicKey key, byte[] digestInfo, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("NONEwithRSA");
            verifier.initVerify(key);
            verifier.update(digestInfo);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] digestInfo(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return FaceWirePersonalization.concat(WireCard.bytes("3031300d060960864801650304020105000420"), hash);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
