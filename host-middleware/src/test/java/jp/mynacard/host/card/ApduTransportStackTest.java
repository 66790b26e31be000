package jp.mynacard.host.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.Test;

/** The transports ApduChannel stacks, each on a scripted card that answers what the test says. */
class ApduTransportStackTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Answers the queued responses in order and keeps what it was sent. */
    private static final class ScriptedCard implements ApduTransport {
        final List<CommandAPDU> sent = new ArrayList<>();
        final Deque<String> answers = new ArrayDeque<>();

        ScriptedCard(String... responses) {
            answers.addAll(List.of(responses));
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) {
            sent.add(command);
            return new ResponseAPDU(HEX.parseHex(answers.removeFirst()));
        }
    }

    @Test
    void moreDataIsFetchedWithGetResponseAndJoined() {
        ScriptedCard card = new ScriptedCard("0102036105", "04050607089000");
        ResponseAPDU response = new GetResponseTransport(card).transmit(new CommandAPDU(0x80, 0xB0, 0, 0, 256));
        assertEquals(0x9000, response.getSW());
        assertArrayEquals(HEX.parseHex("0102030405060708"), response.getData());
        assertEquals(2, card.sent.size());
        CommandAPDU getResponse = card.sent.get(1);
        assertEquals(0xC0, getResponse.getINS());
        assertEquals(0x80, getResponse.getCLA(), "GET RESPONSE keeps the proprietary class bit");
        assertEquals(5, getResponse.getNe());
    }

    @Test
    void wrongLeIsSentAgainWithTheLeTheCardNamed() {
        ScriptedCard card = new ScriptedCard("6C10", "00112233445566778899AABBCCDDEEFF9000");
        ResponseAPDU response = new GetResponseTransport(card).transmit(new CommandAPDU(0x00, 0xB0, 0, 0, 256));
        assertEquals(16, response.getData().length);
        assertEquals(16, card.sent.get(1).getNe());
        assertEquals(0xB0, card.sent.get(1).getINS());
    }

    @Test
    void otherAnswersPassUnchanged() {
        ScriptedCard card = new ScriptedCard("63C2");
        assertEquals(0x63C2, new GetResponseTransport(card).transmit(new CommandAPDU(0, 0x20, 0, 0x80)).getSW());
        assertEquals(1, card.sent.size());
    }

    @Test
    void aPinNeverReachesTheLog() {
        CommandAPDU verify = new CommandAPDU(0x00, 0x20, 0x00, 0x80, "1234".getBytes());
        String logged = LoggingTransport.redacted(verify);
        assertFalse(logged.contains("31323334"), logged);
        assertTrue(logged.startsWith("00 20 00 80"), logged);
        assertTrue(logged.contains("4 secret bytes"), logged);
        CommandAPDU select = new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {0x00, 0x0A});
        assertEquals("00A4020C02000A", LoggingTransport.redacted(select));
    }

    @Test
    void theChannelCountsEveryExchangeTheCardSaw() {
        ScriptedCard card = new ScriptedCard("AA6101", "BB9000");
        ApduChannel channel = ApduChannel.over(card);
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xB0, 0, 0, 2));
        assertArrayEquals(HEX.parseHex("AABB"), response.getData());
        assertEquals(2, channel.commandCount(), "the GET RESPONSE is a command on the wire too");
        assertEquals(5 + 5, channel.bytesSent());
        assertEquals(3 + 3, channel.bytesReceived());
    }
}
