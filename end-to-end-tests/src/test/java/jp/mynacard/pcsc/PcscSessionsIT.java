package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import jnasmartcardio.Smartcardio;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardInUseException;
import jp.mynacard.host.card.CardRemovedException;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.reader.CardSlot;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.reader.ReaderSelectionException;
import org.junit.jupiter.api.Test;

/**
 * Sessions through pcscd and vpcd: an exclusive session keeps another PC/SC client out, a card
 * pulled mid-operation is a typed error in bounded time, and a kiosk's {@link CardSlot} serves
 * the next card after one was taken out, without restarting.
 */
class PcscSessionsIT {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final byte[] CHALLENGE = "kiosk session 0002".getBytes(StandardCharsets.US_ASCII);

    @Test
    void anExclusiveSessionKeepsAnotherClientOutAndItsVerifiedPinDiesWithIt() throws Exception {
        try (VcardProcess vcard = VcardProcess.start()) {
            OtherProgram other = new OtherProgram(vcard.readerName());
            CardTerminal reader = PcscReaders.choose(vcard.readerName());
            X509Certificate certificate;
            byte[] signature;
            try (JpkiCard kiosk = ApduChannel.openExclusive(reader, BOUND, JpkiCard::over)) {
                assertTrue(kiosk.channel().isExclusive());
                certificate = kiosk.certificate(JpkiCertificate.AUTH);
                kiosk.verifyPin(JpkiKey.AUTH, "1234".toCharArray());

                // between VERIFY and COMPUTE DIGITAL SIGNATURE, the other program gets nowhere
                long start = System.nanoTime();
                CardInUseException shared = assertThrows(CardInUseException.class, () -> ApduChannel.open(other.reader));
                System.out.printf("shared connect refused after %d ms: %s%n", millisSince(start), shared.getMessage());
                assertTrue(shared.getMessage().contains(vcard.readerName()), shared.getMessage());
                start = System.nanoTime();
                CardInUseException exclusive = assertThrows(CardInUseException.class,
                        () -> ApduChannel.openExclusive(other.reader, Duration.ofMillis(800)));
                long waited = millisSince(start);
                System.out.printf("exclusive connect refused after %d ms (bound 800 ms): %s%n", waited, exclusive.getMessage());
                assertTrue(waited >= 700 && waited < BOUND.toMillis(), "waited about the bound, not more: " + waited + " ms");
                assertTrue(exclusive.getMessage().contains("another program is using the card"), exclusive.getMessage());

                signature = kiosk.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, CHALLENGE);
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(CHALLENGE);
            assertTrue(verifier.verify(signature), "the kiosk's signature, made while it held the card");

            // once the session is over the other program gets in, but not to the kiosk's PIN state: close reset the card
            try (JpkiCard after = JpkiCard.open(other.reader)) {
                assertFalse(after.channel().isExclusive());
                assertThrows(SecurityStatusNotSatisfiedException.class,
                        () -> after.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, CHALLENGE));
            }
        }
    }

    @Test
    void anExclusiveSessionWaitsForAnotherClientToLetGo() throws Exception {
        try (VcardProcess vcard = VcardProcess.start()) {
            OtherProgram other = new OtherProgram(vcard.readerName());
            JpkiCard shared = JpkiCard.open(other.reader);
            AtomicBoolean letGo = new AtomicBoolean();
            long start = System.nanoTime();
            CompletableFuture.runAsync(() -> {
                sleep(700); // holds the card a while: the kiosk asks meanwhile
                letGo.set(true); // before close: the kiosk may be in the moment close returns
                shared.close();
            });
            try (JpkiCard kiosk = ApduChannel.openExclusive(PcscReaders.choose(vcard.readerName()), BOUND, JpkiCard::over)) {
                System.out.printf("exclusive session began %d ms after asking, once the other client let go at ~700 ms%n",
                        millisSince(start));
                // the event, not the clock: the session began only after the other client started letting go
                assertTrue(letGo.get(), "the exclusive session began while the other client still held the card");
                assertNotNull(kiosk.certificate(JpkiCertificate.AUTH));
            }
        }
    }

    @Test
    void aCardPulledDuringACertificateReadIsCardRemovedAndTheNextReadWorks() throws Exception {
        // APDUs: SELECT AP, SELECT EF, then the READ BINARY the card never answers
        try (VcardProcess vcard = VcardProcess.start("--remove-after", "2", "--reinsert-after", "1500")) {
            CardTerminal reader = PcscReaders.choose(vcard.readerName());
            try (JpkiCard card = JpkiCard.open(reader)) {
                long start = System.nanoTime();
                assertThrows(CardRemovedException.class, () -> card.certificate(JpkiCertificate.AUTH));
                long elapsed = millisSince(start);
                System.out.printf("certificate read: card pulled, CardRemovedException after %d ms%n", elapsed);
                assertTrue(elapsed < BOUND.toMillis(), "typed error within " + BOUND + ": " + elapsed + " ms");
            }
            assertTrue(vcard.awaitLine("pulled", BOUND).contains("after 2 APDUs"));
            vcard.awaitLine("reinserted", Duration.ofSeconds(30));
            CardTerminal again = PcscReaders.waitForCard(vcard.readerName(), Duration.ofSeconds(10));
            try (JpkiCard card = JpkiCard.open(again)) {
                assertTrue(card.certificate(JpkiCertificate.AUTH).getSubjectX500Principal().getName().length() > 0);
            }
        }
    }

    @Test
    void aCardPulledDuringSigningIsCardRemovedAndTheReinsertedCardSigns() throws Exception {
        // APDUs: SELECT AP, SELECT PIN EF, VERIFY, SELECT key EF, then the COMPUTE DIGITAL SIGNATURE left unanswered
        try (VcardProcess vcard = VcardProcess.start("--remove-after", "4", "--reinsert-after", "1500")) {
            CardTerminal reader = PcscReaders.choose(vcard.readerName());
            try (JpkiCard card = ApduChannel.openExclusive(reader, BOUND, JpkiCard::over)) {
                card.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
                long start = System.nanoTime();
                assertThrows(CardRemovedException.class, () -> card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, CHALLENGE));
                long elapsed = millisSince(start);
                System.out.printf("signing: card pulled, CardRemovedException after %d ms%n", elapsed);
                assertTrue(elapsed < BOUND.toMillis(), "typed error within " + BOUND + ": " + elapsed + " ms");
            }
            vcard.awaitLine("reinserted", Duration.ofSeconds(30));
            CardTerminal again = PcscReaders.waitForCard(vcard.readerName(), Duration.ofSeconds(10));
            try (JpkiCard card = ApduChannel.openExclusive(again, BOUND, JpkiCard::over)) {
                // reinsertion reset the card: the PIN verified before the pull counts no more
                assertThrows(SecurityStatusNotSatisfiedException.class,
                        () -> card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, CHALLENGE));
                card.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(card.certificate(JpkiCertificate.AUTH).getPublicKey());
                verifier.update(CHALLENGE);
                assertTrue(verifier.verify(card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, CHALLENGE)));
            }
        }
    }

    @Test
    void aCardSlotServesTheNextCustomerAfterACardIsPulledMidSession() throws Exception {
        CardSlot slot = new CardSlot(PcscDaemon.readerName(PcscDaemon.VPCD_PORT));
        long start = System.nanoTime();
        assertThrows(ReaderSelectionException.class, () -> slot.nextCard(Duration.ofMillis(500), JpkiCard::over),
                "no card yet");
        System.out.printf("empty slot gave up after %d ms (timeout 500 ms)%n", millisSince(start));

        byte[] firstCertificate;
        VcardProcess first = VcardProcess.start();
        try (JpkiCard card = slot.nextCard(Duration.ofSeconds(10), JpkiCard::over)) {
            firstCertificate = card.readCertificate(JpkiCertificate.AUTH);
            assertEquals(first.readerName(), slot.servedReaderName());
            first.stop(); // the customer walks off with the card mid-session
            assertThrows(CardRemovedException.class, () -> card.readCertificate(JpkiCertificate.AUTH));
        } finally {
            first.close();
        }
        assertTrue(slot.awaitRemoval(Duration.ofSeconds(5)), "the slot sees the card gone");

        try (VcardProcess second = VcardProcess.start(); // the next customer, a card with keys of its own
             JpkiCard card = slot.nextCard(Duration.ofSeconds(10), JpkiCard::over)) {
            byte[] secondCertificate = card.readCertificate(JpkiCertificate.AUTH);
            assertFalse(Arrays.equals(firstCertificate, secondCertificate), "served the new card, not a stale session");
            card.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
            assertEquals(256, card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, CHALLENGE).length);
            assertArrayEquals(secondCertificate, card.readCertificate(JpkiCertificate.AUTH));
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Another PC/SC client: a context of its own, as a second program on the machine has. */
    private static final class OtherProgram {
        private final TerminalFactory factory; // held: jnasmartcardio releases the context when this is collected
        final CardTerminal reader;

        OtherProgram(String readerName) throws Exception {
            factory = TerminalFactory.getInstance("PC/SC", null, new Smartcardio());
            reader = factory.terminals().list().stream().filter(r -> r.getName().contains(readerName)).findFirst()
                    .orElseThrow();
        }
    }
}
