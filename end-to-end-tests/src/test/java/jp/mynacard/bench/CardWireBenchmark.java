// Run: bin/bench (the card rows), or alone with the simulator-tests test classpath:
//   java -cp ... jp.mynacard.bench.CardWireBenchmark [--pcsc]
package jp.mynacard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.cardface.InputHelperCard;
import jp.mynacard.host.cardface.InputHelperPin;
import jp.mynacard.host.cardface.SurfaceCard;
import jp.mynacard.host.cardface.SurfacePin;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.HolderAuthenticator;
import jp.mynacard.host.kiosk.HolderVerifier;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.pcsc.VcardProcess;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;

/**
 * APDUs and bytes on the wire for three card operations: the kiosk authentication (auth
 * certificate, PIN, signature over the challenge), reading every data file of the card, and
 * sign-in-and-sign (PIN, one signature) — the last beside OpenSC's {@code pkcs11-tool} doing the
 * same against the same card. In-process (jcardsim) the host library's own counters
 * ({@link ApduChannel#commandCount()}) are read; with {@code --pcsc} the card is bin/vcard behind
 * pcscd, and both clients are counted from its {@code --trace}, the same instrument for both.
 * Bytes: command APDUs plus responses with their status words. Not a test: see docs/benchmarks.md.
 */
public final class CardWireBenchmark {
    private static final String OPENSC_PKCS11 = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
    private static final char[] AUTH_PIN = "1234".toCharArray();
    private static final char[] SIGN_PIN = "ABCDEF12".toCharArray();
    private static final byte[] MESSAGE = "届出書 2026-11-23".getBytes(StandardCharsets.UTF_8);

    private CardWireBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean pcsc = List.of(args).contains("--pcsc");
        if (pcsc) {
            overPcsc();
        } else {
            inProcess();
        }
        System.exit(0); // the in-process test centre's HTTP threads would keep the JVM alive
    }

    /** jcardsim in this JVM: the host library's own counters. */
    private static void inProcess() {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        HolderVerifier verifier = new HolderVerifier("bench", CertificateValidator.builder()
                .trustAnchors(List.of(VirtualCard.testCentre().administration().authorityCertificate("auth"))).build());
        report("kiosk_auth", "kiosk authentication (certificate, PIN, signature)", count(card.terminal(),
                channel -> kioskAuthentication(channel, verifier.challenge())));
        report("read_all", "reading all card data (4 certificates, 2 signer certificates, My Number, attributes,"
                + " front and back face, AP information; each EF once)", count(card.terminal(), CardWireBenchmark::readAll));
        report("sign_in_sign.ours", "sign-in-and-sign through the host library", count(card.terminal(),
                CardWireBenchmark::signInAndSign));
    }

    /** bin/vcard behind pcscd: both clients counted from the card's trace. */
    private static void overPcsc() throws Exception {
        Path trace = Files.createTempFile("bench-trace-", ".txt");
        Path dir = Files.createTempDirectory("bench-opensc-");
        try (VcardProcess vcard = VcardProcess.start("--trace", trace.toString())) {
            CardTerminal terminal = PcscReaders.waitForCard(vcard.readerName(), Duration.ofSeconds(10));
            Traffic ours = traced(trace, () -> {
                try (ApduChannel channel = ApduChannel.open(terminal)) {
                    signInAndSign(channel);
                }
            });
            report("pcsc.sign_in_sign.ours", "sign-in-and-sign, host library over pcscd", ours);
            Traffic kiosk = traced(trace, () -> {
                try (ApduChannel channel = ApduChannel.open(terminal)) {
                    kioskAuthentication(channel, new Challenge("bench", "bench", new byte[32],
                            java.time.Instant.now().plusSeconds(60)));
                }
            });
            report("pcsc.kiosk_auth", "kiosk authentication over pcscd", kiosk);
            Path message = dir.resolve("message.txt");
            Files.write(message, MESSAGE);
            Traffic opensc = traced(trace, () -> run("pkcs11-tool", "--module", OPENSC_PKCS11, "--slot-index", "0",
                    "--login", "--pin", new String(AUTH_PIN), "--sign", "--id", "01", "-m", "SHA256-RSA-PKCS",
                    "-i", message.toString(), "-o", dir.resolve("signature.bin").toString()));
            if (Files.size(dir.resolve("signature.bin")) != 256) {
                throw new IllegalStateException("pkcs11-tool wrote no 256-byte signature");
            }
            report("pcsc.sign_in_sign.opensc", "sign-in-and-sign, OpenSC pkcs11-tool over pcscd", opensc);
        } finally {
            Files.deleteIfExists(trace);
            Files.deleteIfExists(dir.resolve("message.txt"));
            Files.deleteIfExists(dir.resolve("signature.bin"));
            Files.deleteIfExists(dir);
        }
    }

    private static void kioskAuthentication(ApduChannel channel, Challenge challenge) {
        HolderAuthenticator kiosk = new HolderAuthenticator(JpkiCard.over(channel));
        // as KioskTerminal does: the certificate shown first, then PIN and signature
        kiosk.certificate();
        kiosk.respond(challenge, AUTH_PIN.clone());
    }

    private static void signInAndSign(ApduChannel channel) {
        JpkiCard jpki = JpkiCard.over(channel);
        jpki.verifyPin(JpkiKey.AUTH, AUTH_PIN.clone());
        jpki.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, MESSAGE);
    }

    private static void readAll(ApduChannel channel) {
        JpkiCard jpki = JpkiCard.over(channel);
        jpki.readCertificate(JpkiCertificate.AUTH);
        jpki.readCertificate(JpkiCertificate.AUTH_CA);
        jpki.readCertificate(JpkiCertificate.SIGN_CA);
        jpki.verifyPin(JpkiKey.SIGN, SIGN_PIN.clone());
        jpki.readCertificate(JpkiCertificate.SIGN);
        InputHelperCard helper = InputHelperCard.over(channel);
        helper.verifyPin(InputHelperPin.PIN, AUTH_PIN.clone());
        helper.myNumber();
        helper.attributes();
        helper.signerCertificate();
        SurfaceCard surface = SurfaceCard.over(channel);
        surface.verifyPin(SurfacePin.PIN_A, Holder.sample().myNumber().digits().toCharArray());
        surface.frontFace();
        surface.myNumberImage();
        surface.signerCertificate();
        surface.apInfo();
    }

    record Traffic(long apdus, long bytesSent, long bytesReceived) {
        long bytes() {
            return bytesSent + bytesReceived;
        }
    }

    private static Traffic count(CardTerminal terminal, Consumer<ApduChannel> operation) {
        try (ApduChannel channel = ApduChannel.open(terminal)) {
            operation.accept(channel);
            return new Traffic(channel.commandCount(), channel.bytesSent(), channel.bytesReceived());
        }
    }

    interface Operation {
        void run() throws Exception;
    }

    /** What the card saw during {@code operation}: the trace lines it appended ({@code > } command, {@code < } response). */
    private static Traffic traced(Path trace, Operation operation) throws Exception {
        int before = Files.readAllLines(trace, StandardCharsets.US_ASCII).size();
        operation.run();
        List<String> lines = Files.readAllLines(trace, StandardCharsets.US_ASCII);
        long apdus = 0;
        long sent = 0;
        long received = 0;
        for (String line : lines.subList(before, lines.size())) {
            if (line.startsWith("> ")) {
                apdus++;
                sent += commandBytes(line.substring(2));
            } else if (line.startsWith("< ")) {
                received += line.substring(2).length() / 2;
            }
        }
        return new Traffic(apdus, sent, received);
    }

    /** A traced command's length; a PIN's bytes are written as {@code <pin>}, so Lc (byte 5) gives them. */
    private static long commandBytes(String hex) {
        int pin = hex.indexOf("<pin>");
        if (pin < 0) {
            return hex.length() / 2;
        }
        return pin / 2 + Integer.parseInt(hex.substring(8, 10), 16);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(all).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + output.replace(new String(AUTH_PIN), "****"));
        }
    }

    private static void report(String key, String what, Traffic traffic) {
        System.out.printf(Locale.ROOT, "%s: %d APDUs, %,d bytes (%,d sent, %,d received)%n", what, traffic.apdus(),
                traffic.bytes(), traffic.bytesSent(), traffic.bytesReceived());
        System.out.printf(Locale.ROOT, "BENCH card.%s.apdus %d%nBENCH card.%s.bytes %d%n", key, traffic.apdus(), key,
                traffic.bytes());
    }
}
