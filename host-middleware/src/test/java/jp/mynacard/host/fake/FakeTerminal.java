package jp.mynacard.host.fake;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/** A reader holding a fake card (or nothing, when the card is null). */
public final class FakeTerminal extends CardTerminal {
    private final String name;
    private final FakeCard card;

    public FakeTerminal(String name, FakeCard card) {
        this.name = name;
        this.card = card;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Card connect(String protocol) throws CardException {
        if (card == null) {
            throw new CardException("SCARD_E_NO_SMARTCARD");
        }
        return card.card;
    }

    @Override
    public boolean isCardPresent() {
        return card != null;
    }

    @Override
    public boolean waitForCardPresent(long timeout) {
        return card != null;
    }

    @Override
    public boolean waitForCardAbsent(long timeout) {
        return card == null;
    }
}
