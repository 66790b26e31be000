package jp.mynacard.kiosk;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import jp.mynacard.host.card.CardInUseException;
import jp.mynacard.host.card.CardIoException;
import jp.mynacard.host.card.CardRemovedException;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.reader.CardSlot;
import jp.mynacard.host.reader.ReaderSelectionException;
import jp.mynacard.model.card.MynaCardException;

/**
 * A kiosk's working day at one card slot: a customer puts the card on the reader, is served (or
 * told why not, in the clerk's words), takes the card out, and the next one comes. Whatever one
 * customer's card or the reader does, the shift goes on; pcscd restarting under it included.
 */
final class KioskShift {
    private final CardSlot slot;
    private final KioskTerminal terminal;
    private final SealRegistrationCard sealOrNull;
    private final Supplier<char[]> pin;
    private final PrintStream screen;

    KioskShift(CardSlot slot, KioskTerminal terminal, SealRegistrationCard sealOrNull, Supplier<char[]> pin, PrintStream screen) {
        this.slot = slot;
        this.terminal = terminal;
        this.sealOrNull = sealOrNull;
        this.pin = pin;
        this.screen = screen;
    }

    /**
     * One customer, from the card on the reader to the document in {@code pdf}.
     *
     * @throws ReaderSelectionException if no card came within {@code wait} (no customer yet)
     */
    KioskOutcome serveOne(Path pdf, Duration wait) throws InterruptedException {
        try {
            JpkiCard card = slot.nextCard(wait, JpkiCard::over);
            return sealOrNull == null ? terminal.serve(card, pin, pdf) : terminal.serveSeal(card, pin, pdf, sealOrNull);
        } catch (ReaderSelectionException e) {
            throw e; // no customer yet, not a card failure: the caller waits on (a MynaCardException, caught below otherwise)
        } catch (HolderLinkException | IOException e) {
            screen.println("センターまたはサービスに接続できません / cannot reach the centre or the service: " + e.getMessage());
            return KioskOutcome.UNAVAILABLE;
        } catch (CardRemovedException e) {
            screen.println("カードが取り出されました。もう一度置いて、最初からやり直してください"
                    + " / the card was taken out: put it back and start again");
            return KioskOutcome.NO_CARD;
        } catch (CardInUseException e) {
            screen.println("カードが他のプログラムで使用中です / another program is using the card: " + e.getMessage());
            return KioskOutcome.NO_CARD;
        } catch (CardIoException e) {
            screen.println("カードを読めません。置き直してください / the card cannot be read: " + e.getMessage());
            return KioskOutcome.NO_CARD;
        } catch (MynaCardException e) {
            screen.println("このカードは使えません / this card cannot be used: " + e.getMessage());
            return KioskOutcome.AUTHENTICATION_REFUSED;
        }
    }

    /**
     * Serves {@code customers} customers one after another (0: until the process is stopped), each
     * document in {@code directory} as 0001.pdf, 0002.pdf, ...; between two, waits for the card
     * to be taken out. A wait that ends without a card is no customer: the kiosk waits again,
     * saying so once when the reason changes (no card yet, pcscd gone, pcscd back).
     */
    void serve(int customers, Path directory, Duration wait) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        String lastWaitReason = null;
        for (int served = 0; customers == 0 || served < customers; ) {
            if (lastWaitReason == null) {
                screen.println("カードを置いてください / place the card on the reader");
            }
            Path pdf = directory.resolve(String.format(Locale.ROOT, "%04d.pdf", served + 1));
            KioskOutcome outcome;
            try {
                outcome = serveOne(pdf, wait);
            } catch (ReaderSelectionException e) {
                String reason = e.getMessage().replaceAll(" \\(waited \\d+ s\\)$", "");
                if (!reason.equals(lastWaitReason)) {
                    screen.println("待機中 / waiting: " + reason);
                }
                lastWaitReason = reason;
                continue;
            }
            lastWaitReason = null;
            served++;
            screen.println("お客様 " + served + " / customer " + served + ": " + outcome.name().toLowerCase(Locale.ROOT)
                    + (outcome == KioskOutcome.ISSUED ? " " + pdf : ""));
            screen.println("カードをお取りください / please take your card");
            while (!slot.awaitRemoval(wait)) {
                // the card is still in: the customer has not taken it yet
            }
        }
    }
}
