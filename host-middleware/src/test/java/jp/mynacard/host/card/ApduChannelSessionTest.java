package jp.mynacard.host.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.Test;

/** How ApduChannel asks PC/SC for an exclusive session and names what goes wrong; pcscd itself in PcscSessionsIT. */
class ApduChannelSessionTest {
    private static final String SHARING_VIOLATION =
            "SCardConnect got response 0x8010000b (SCARD_E_SHARING_VIOLATION: other connections outstanding.)";

    @Test
    void anExclusiveSessionAsksForExclusiveModeAndResetsTheCardWhenClosed() {
        Reader reader = new Reader(2);
        ApduChannel channel = ApduChannel.openExclusive(reader, Duration.ofSeconds(5));
        assertTrue(channel.isExclusive());
        assertEquals(List.of("EXCLUSIVE;*", "EXCLUSIVE;*", "EXCLUSIVE;*"), reader.connects,
                "retried while another client was connected");
        channel.close();
        assertEquals(List.of(true), reader.card.disconnects, "disconnected with a reset");
    }

    @Test
    void aProviderWithoutShareModesGetsTheStandardApisExclusiveAccess() {
        Reader reader = new Reader(0);
        reader.knowsShareModes = false; // the JDK's SunPCSC and jcardsim's terminal take only "*", "T=0", "T=1"
        ApduChannel channel = ApduChannel.openExclusive(reader, Duration.ofSeconds(5));
        assertEquals(List.of("EXCLUSIVE;*", "*"), reader.connects);
        assertTrue(reader.card.exclusive, "beginExclusive called");
        channel.close();
        assertEquals(List.of(true), reader.card.disconnects, "disconnected with a reset, which ends the transaction");
    }

    @Test
    void aSharedSessionLeavesTheCardAsItIs() {
        Reader reader = new Reader(0);
        ApduChannel channel = ApduChannel.open(reader);
        assertFalse(channel.isExclusive());
        channel.close();
        assertEquals(List.of("*"), reader.connects);
        assertEquals(List.of(false), reader.card.disconnects);
    }

    @Test
    void aCardHeldByAnotherClientIsCardInUseForSharedAndExclusiveSessions() {
        Reader reader = new Reader(Integer.MAX_VALUE);
        CardInUseException shared = assertThrows(CardInUseException.class, () -> ApduChannel.open(reader));
        assertTrue(shared.getMessage().contains("'Reader 0'"), shared.getMessage());
        CardInUseException exclusive = assertThrows(CardInUseException.class,
                () -> ApduChannel.openExclusive(reader, Duration.ofMillis(300)));
        assertTrue(exclusive.getMessage().contains("another program is using the card in reader 'Reader 0'"),
                exclusive.getMessage());
    }

    @Test
    void aResponseCutShortByAPulledCardIsCardRemoved() {
        Reader reader = new Reader(0);
        ApduChannel channel = ApduChannel.open(reader);
        reader.pull();
        assertThrows(CardRemovedException.class, () -> channel.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, 256)));
    }

    /** A reader whose card refuses the first {@code refusals} connects as pcscd does while another client holds it. */
    private static final class Reader extends CardTerminal {
        final List<String> connects = new ArrayList<>();
        final FakePcscCard card = new FakePcscCard();
        private int refusals;
        private boolean present = true;
        boolean knowsShareModes = true;

        Reader(int refusals) {
            this.refusals = refusals;
        }

        void pull() {
            present = false;
            card.pulled = true;
        }

        @Override
        public String getName() {
            return "Reader 0";
        }

        @Override
        public Card connect(String protocol) throws CardException {
            connects.add(protocol);
            if (!knowsShareModes && protocol.contains(";")) {
                throw new IllegalArgumentException("Unknown protocol: " + protocol);
            }
            if (refusals > 0) {
                refusals--;
                throw new CardException(SHARING_VIOLATION);
            }
            return card;
        }

        @Override
        public boolean isCardPresent() {
            return present;
        }

        @Override
        public boolean waitForCardPresent(long timeout) {
            return present;
        }

        @Override
        public boolean waitForCardAbsent(long timeout) {
            return !present;
        }
    }

    private static final class FakePcscCard extends Card {
        final List<Boolean> disconnects = new ArrayList<>();
        boolean pulled;
        boolean exclusive;

        @Override
        public ATR getATR() {
            return new ATR(new byte[] {0x3B, 0x00});
        }

        @Override
        public String getProtocol() {
            return "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            return new CardChannel() {
                @Override
                public Card getCard() {
                    return FakePcscCard.this;
                }

                @Override
                public int getChannelNumber() {
                    return 0;
                }

                @Override
                public ResponseAPDU transmit(CommandAPDU command) {
                    if (pulled) {
                        // what jnasmartcardio throws on a response shorter than SW1 SW2
                        throw new IllegalArgumentException("newPosition < 0: (-2 < 0)");
                    }
                    return new ResponseAPDU(new byte[] {(byte) 0x90, 0x00});
                }

                @Override
                public int transmit(ByteBuffer command, ByteBuffer response) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public CardChannel openLogicalChannel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginExclusive() {
            exclusive = true;
        }

        @Override
        public void endExclusive() {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(boolean reset) {
            disconnects.add(reset);
        }
    }
}
