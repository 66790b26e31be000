package jp.mynacard.host.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.fake.FakeJpkiCard;
import jp.mynacard.host.fake.FakeTerminal;
import org.junit.jupiter.api.Test;

class PcscReadersTest {
    private final CardTerminal empty = new FakeTerminal("ACS ACR39U 00 00", null);
    private final CardTerminal full = new FakeTerminal("Virtual PCD 00 00", new FakeJpkiCard());
    private final CardTerminal full2 = new FakeTerminal("Virtual PCD 00 01", new FakeJpkiCard());

    @Test
    void picksTheOnlyReaderWithACard() {
        assertSame(full, PcscReaders.choose(null, List.of(empty, full)));
    }

    @Test
    void picksByNameEvenWithoutACard() {
        assertSame(empty, PcscReaders.choose("ACR39", List.of(empty, full)));
    }

    @Test
    void explainsWhatIsMissing() {
        assertEquals("no reader: connect a smart card reader (is pcscd running?)",
                assertThrows(ReaderSelectionException.class, () -> PcscReaders.choose(null, List.of())).getMessage());
        assertTrue(assertThrows(ReaderSelectionException.class, () -> PcscReaders.choose(null, List.of(empty)))
                .getMessage().startsWith("no card in any reader"));
        String message = assertThrows(ReaderSelectionException.class, () -> PcscReaders.choose("Gemalto", List.of(empty, full)))
                .getMessage();
        assertTrue(message.contains("'ACS ACR39U 00 00'") && message.contains("'Virtual PCD 00 00'"), message);
    }

    @Test
    void asksToChooseWhenSeveralReadersHaveACard() {
        assertEquals("2 readers have a card: 'Virtual PCD 00 00', 'Virtual PCD 00 01'; choose one with --reader",
                assertThrows(ReaderSelectionException.class, () -> PcscReaders.choose(null, List.of(full, empty, full2)))
                        .getMessage());
        assertSame(full2, PcscReaders.choose("00 01", List.of(full, empty, full2)));
    }

    @Test
    void waitsForACardToBeInsertedThenPicksIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        CardTerminal chosen = PcscReaders.waitForCard(null, java.time.Duration.ofSeconds(5),
                () -> polls.incrementAndGet() < 3 ? List.of(empty) : List.of(empty, full));
        assertSame(full, chosen);
        assertEquals(3, polls.get());
    }

    @Test
    void givesUpAfterTheTimeoutSayingWhatWasMissing() {
        long start = System.nanoTime();
        String message = assertThrows(ReaderSelectionException.class,
                () -> PcscReaders.waitForCard("ACS", java.time.Duration.ofMillis(300), () -> List.of(empty, full))).getMessage();
        assertTrue(message.contains("no card in reader 'ACS ACR39U 00 00'") && message.contains("waited"), message);
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "gave up in time");
    }
}
