package jp.mynacard.perso.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.smartcardio.Card;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.perso.channel.PersonalizationSession;
import jp.mynacard.sim.VirtualCard;
import picocli.CommandLine;

/**
 * Not a test: {@code bin/bench-perso [HOLDERS]} prints the cards per minute of a --virtual batch
 * (default 200 holders) against an in-process centre, beside the bound set by on-card RSA-2048 key
 * generation measured in the same run: GENERATE KEY PAIR on jcardsim with every processor busy,
 * for the three keys a card generates (JPKI authentication and signature, the card-surface AP's
 * card-authentication key). {@code bin/bench-perso HOLDERS WORKERS} sets the batch's workers.
 */
public final class PersoBenchmark {
    private static final byte[] JPKI_AID = CardApplication.JPKI.aid();
    private static final byte[] SURFACE_AID = CardApplication.SURFACE.aid();
    private static final int EF_AUTH_KEY = 0x0017;
    private static final int EF_SIGN_KEY = 0x001A;
    private static final int EF_CARD_AUTH_KEY = 0x0017;
    /** Prime search makes one key generation vary several-fold: enough cards for a steady mean. */
    private static final int KEYGEN_CARDS_PER_THREAD = 30;

    private PersoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int holders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int processors = Runtime.getRuntime().availableProcessors();
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : processors;
        Path dir = Files.createTempDirectory("mynacard-bench-perso");
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")))) {
            double keygenCardsPerMinute = keyGenerationBound(processors);
            Path batch = dir.resolve("holders.csv");
            writeBatch(batch, holders);
            long start = System.nanoTime();
            int status = new CommandLine(new PersoMain()).execute("issue", "--batch", batch.toString(),
                    "--centre", centre.uri().toString(), "--out", dir.resolve("report.csv").toString(), "--virtual",
                    "--workers", Integer.toString(workers));
            double minutes = (System.nanoTime() - start) / 60e9;
            long issued = Files.readAllLines(dir.resolve("report.csv")).stream().filter(l -> l.contains(",issued,")).count();
            System.out.printf("%n%d processors%n", processors);
            System.out.printf("batch of %d holders (--virtual, %d workers): %d issued, %.1f cards/min (exit %d)%n", holders,
                    workers, issued, issued / minutes, status);
            System.out.printf("bound by on-card RSA-2048 key generation (3 keys/card, %d cards at once): %.1f cards/min%n",
                    processors, keygenCardsPerMinute);
            System.out.printf("batch rate / key-generation bound: %.0f%%%n", 100 * issued / minutes / keygenCardsPerMinute);
            // machine-readable figures for bin/bench
            System.out.printf(java.util.Locale.ROOT, "BENCH perso.cards_per_min %.1f%n", issued / minutes);
            System.out.printf(java.util.Locale.ROOT, "BENCH perso.keygen_bound_per_min %.1f%n", keygenCardsPerMinute);
            System.out.printf(java.util.Locale.ROOT, "BENCH perso.failed %d%n", holders - issued);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Cards per minute if a card took nothing but its two GENERATE KEY PAIRs, every processor busy. */
    private static double keyGenerationBound(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < KEYGEN_CARDS_PER_THREAD; i++) {
                        VirtualCard blank = VirtualCard.blank();
                        Card card = blank.terminal().connect("*");
                        PersonalizationSession session = PersonalizationSession.forIssuance(ApduChannel.over(card.getBasicChannel()),
                                VirtualCard.testIssuerKey(), JPKI_AID, "JPKI AP");
                        session.generateKeyPair(EF_AUTH_KEY);
                        session.generateKeyPair(EF_SIGN_KEY);
                        PersonalizationSession.forIssuance(ApduChannel.over(card.getBasicChannel()), VirtualCard.testIssuerKey(),
                                SURFACE_AID, "card-surface AP").generateKeyPair(EF_CARD_AUTH_KEY);
                        card.disconnect(true);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            double minutes = (System.nanoTime() - start) / 60e9;
            return threads * KEYGEN_CARDS_PER_THREAD / minutes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeBatch(Path batch, int holders) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin"));
        for (int i = 1; i <= holders; i++) {
            lines.add(String.join(",", SampleHolders.applicationId(i), "番号　花子", "東京都千代田区霞が関二丁目１番" + i + "号",
                    "1989-03-31", "2034-03-31", "131016", SampleHolders.myNumber(i), "5678", "female", "1234", "ABCDEF12"));
        }
        Files.write(batch, lines, StandardCharsets.UTF_8);
    }
}
