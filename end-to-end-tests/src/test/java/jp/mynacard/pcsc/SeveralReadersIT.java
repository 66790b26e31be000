package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.reader.ReaderSelectionException;
import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two readers, each with its own bin/vcard card (vpcd ports 35963 and 35964): the host library and bin/myna tell them apart. */
class SeveralReadersIT {
    private static final int SECOND_PORT = PcscDaemon.VPCD_PORT + 1;

    @TempDir
    Path dir;

    @Test
    void waitForCardReturnsTheReaderThatGotACardAndChooseTellsTwoCardsApart() throws Exception {
        CompletableFuture<CardTerminal> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return PcscReaders.waitForCard(null, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (VcardProcess second = VcardProcess.startOnPort(SECOND_PORT)) {
            assertEquals(second.readerName(), waiting.get(10, TimeUnit.SECONDS).getName(),
                    "the waiting kiosk gets the reader the card went into");
            try (VcardProcess first = VcardProcess.startOnPort(PcscDaemon.VPCD_PORT)) {
                List<String> names = PcscReaders.readers().stream().map(CardTerminal::getName).toList();
                assertTrue(names.contains(first.readerName()) && names.contains(second.readerName()), names.toString());

                ReaderSelectionException ambiguous = assertThrows(ReaderSelectionException.class, () -> PcscReaders.choose(null));
                assertTrue(ambiguous.getMessage().startsWith("2 readers have a card"), ambiguous.getMessage());
                assertTrue(ambiguous.getMessage().contains("choose one with --reader"), ambiguous.getMessage());

                byte[] inFirst = authCertificate(first.readerName());
                byte[] inSecond = authCertificate(second.readerName());
                assertFalse(java.util.Arrays.equals(inFirst, inSecond), "two cards, two key pairs");

                assertArrayEquals(inFirst, myna(first.readerName()), "myna --reader '" + first.readerName() + "'");
                assertArrayEquals(inSecond, myna(second.readerName()), "myna --reader '" + second.readerName() + "'");
                ExternalTool.Result withoutReader = ExternalTool.run(mynaPath(), "cert", "auth");
                assertEquals(3, withoutReader.exitCode(), withoutReader.all());
                assertTrue(withoutReader.all().contains("choose one with --reader"), withoutReader.all());
            }
        }
    }

    private static byte[] authCertificate(String readerName) {
        try (JpkiCard card = JpkiCard.open(PcscReaders.choose(readerName))) {
            return card.readCertificate(JpkiCertificate.AUTH);
        }
    }

    /** The DER of the auth certificate that {@code bin/myna --reader NAME cert auth --form der} writes. */
    private byte[] myna(String readerName) throws IOException, InterruptedException {
        Path out = dir.resolve(readerName.replace(' ', '_') + ".der");
        ExternalTool.run(mynaPath(), "--reader", readerName, "cert", "auth", "--form", "der", "--out", out.toString())
                .requireSuccess();
        return Files.readAllBytes(out);
    }

    private static String mynaPath() {
        return VcardProcess.repositoryRoot().resolve("bin/myna").toString();
    }
}
