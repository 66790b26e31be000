package jp.mynacard.fuzz;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.counter.PinUnblock;
import jp.mynacard.sim.VirtualCard;

/**
 * A personalized card under fuzz. Every APDU is checked as it comes back: never 6F00; nothing
 * a correct card would not answer ({@link ReferenceCard}: no wrong PIN accepted, exactly one try
 * per wrong PIN, the tries a query reports, no protected EF read and no signature without the PIN
 * it needs); nothing leaked ({@link LeakWatch}). Between episodes, at a {@link #checkpoint}, the
 * PIN try counters (read with VERIFY without data, which changes nothing) must be the ones the
 * model counts, and every AP's issuer channel has all its tries after the power cycle, whatever
 * the episode sent (the card counts failed authentications per power-up only). The checkpoint then
 * puts the PIN counters back (a right VERIFY; the counter's PIN reset when a fuzzed CHANGE
 * REFERENCE DATA got through), so the next episode starts from an issued card.
 */
final class FuzzedCard {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** The issuer channel's tries after every power-up (PersonalizationChannel.AUTHENTICATION_TRIES_PER_RESET). */
    private static final int ISSUER_TRIES_PER_RESET = 3;
    private static final int RECENT = 24;

    private final FuzzedChip card;
    private final LeakWatch watch;
    private final FuzzRun run;
    private final Deque<String> recent = new ArrayDeque<>();
    /** What a correct card would answer: the PINs' values and tries, the security state. */
    private final ReferenceCard reference = new ReferenceCard(FuzzedAp.JPKI);
    /** Whether the first checkpoint has run: the ones after it compare the counters with the model's. */
    private boolean checkpointed;
    private int pinCommands;
    private int authenticateCommands;
    private boolean pinChanged;
    private long sent;
    private final TreeMap<String, Integer> answers = new TreeMap<>();

    FuzzedCard(VirtualCard card, LeakWatch watch, FuzzRun run) {
        this(FuzzedChip.of(card), watch, run);
    }

    FuzzedCard(FuzzedChip card, LeakWatch watch, FuzzRun run) {
        this.card = card;
        this.watch = watch;
        this.run = run;
    }

    long sent() {
        return sent;
    }

    /**
     * How far the fuzz got: for each instruction sent, how many answers were 9000 and how many
     * distinct status words came back (a run that only ever sees 6D00 tests nothing).
     */
    String coverage() {
        Map<String, int[]> byIns = new TreeMap<>();
        answers.forEach((key, count) -> {
            int[] tally = byIns.computeIfAbsent(key.substring(0, 2), k -> new int[2]);
            tally[0] += key.endsWith("9000") ? count : 0;
            tally[1]++;
        });
        StringBuilder text = new StringBuilder();
        byIns.forEach((ins, tally) -> {
            if (tally[0] > 0) {
                text.append(" ").append(ins).append(":").append(tally[0]).append("ok/").append(tally[1]).append("sw");
            }
        });
        return byIns.size() + " instructions sent; those answered 9000 (INS:9000s/distinct SWs)" + text + "; " + reference.summary();
    }

    /** VERIFY and CHANGE REFERENCE DATA with data (these may spend a try) sent since the checkpoint. */
    int pinCommands() {
        return pinCommands;
    }

    /** EXTERNAL AUTHENTICATE with data (spends an issuer-channel try) sent since the checkpoint. */
    int authenticateCommands() {
        return authenticateCommands;
    }

    /** One fuzz APDU, its answer checked. */
    byte[] send(byte[] apdu) {
        int ins = apdu.length > 1 ? apdu[1] & 0xFF : -1;
        boolean withData = apdu.length > 4;
        if (withData && (ins == 0x20 || ins == 0x24)) {
            pinCommands++;
        }
        if (withData && ins == 0x82) {
            authenticateCommands++;
        }
        byte[] answer = card.transmit(apdu);
        sent++;
        remember(apdu, answer);
        int sw = CardSnapshot.sw(answer);
        answers.merge(String.format("%02X:%04X", ins & 0xFF, sw & 0xFFFF), 1, Integer::sum);
        if (sw == 0x6F00) {
            fail("6F00 (an exception escaped the applet)");
        }
        if (answer.length < 2) {
            fail("an answer without a status word");
        }
        pinChanged |= sw == 0x9000 && ins == 0x24;
        String wrong = reference.judge(apdu, answer);
        if (wrong != null) {
            fail(wrong);
        }
        String leak = watch.leakIn(Arrays.copyOf(answer, answer.length - 2), reference.readable());
        if (leak != null) {
            fail("the answer carries " + leak);
        }
        return answer;
    }

    /**
     * Power cycle, check the counters against the model, put them back (every PIN its value and
     * full tries), select {@code next}. The first call only puts them back: the model starts there.
     */
    void checkpoint(FuzzedAp next) {
        card.reset();
        Map<String, Integer> nowPins = readPinTries();
        Map<FuzzedAp, Integer> nowIssuer = readIssuerTries();
        if (checkpointed) {
            String mismatch = reference.counterMismatch(nowPins, pinCommands);
            if (mismatch != null) {
                fail(mismatch);
            }
        }
        for (FuzzedAp ap : FuzzedAp.values()) {
            if (nowIssuer.get(ap) != ISSUER_TRIES_PER_RESET) {
                fail("after a power cycle the issuer channel of the " + ap.label + " has " + nowIssuer.get(ap) + " tries, not "
                        + ISSUER_TRIES_PER_RESET + ", after " + authenticateCommands + " EXTERNAL AUTHENTICATE commands:"
                        + " a stranger's failures outlived the power-up");
            }
        }
        restore(nowPins);
        Map<String, Integer> restored = readPinTries();
        for (FuzzedAp ap : FuzzedAp.values()) {
            for (FuzzedAp.Pin pin : ap.pins) {
                if (restored.get(key(ap, pin)) != pin.maxTries()) {
                    fail("the checkpoint could not put " + key(ap, pin) + " back to its full tries: " + restored.get(key(ap, pin)));
                }
            }
        }
        pinCommands = 0;
        authenticateCommands = 0;
        pinChanged = false;
        checkpointed = true;
        recent.clear();
        card.reset();
        direct(next.select(), "SELECT " + next.label);
        reference.reset(next);
    }

    /** Tries left of every PIN on the card, keyed {@code AP/FID}. */
    Map<String, Integer> readPinTries() {
        Map<String, Integer> tries = new LinkedHashMap<>();
        for (FuzzedAp ap : FuzzedAp.values()) {
            if (ap.pins.isEmpty()) {
                continue;
            }
            direct(ap.select(), "SELECT " + ap.label);
            for (FuzzedAp.Pin pin : ap.pins) {
                direct(FuzzedAp.selectFile(pin.fid()), "SELECT PIN EF");
                int sw = CardSnapshot.sw(card.transmit(FuzzedAp.TRIES_QUERY));
                if ((sw & 0xFFF0) != 0x63C0) {
                    fail("VERIFY without data of " + key(ap, pin) + " answered " + Integer.toHexString(sw));
                }
                tries.put(key(ap, pin), sw & 0x0F);
            }
        }
        return tries;
    }

    private Map<FuzzedAp, Integer> readIssuerTries() {
        Map<FuzzedAp, Integer> tries = new EnumMap<>(FuzzedAp.class);
        for (FuzzedAp ap : FuzzedAp.values()) {
            direct(ap.select(), "SELECT " + ap.label);
            byte[] status = direct(FuzzedAp.STATUS_QUERY, "GET DATA status");
            if (status.length != 1) {
                fail("GET DATA status told a stranger more than the " + ap.label + "'s life cycle: " + HEX.formatHex(status));
            }
            tries.put(ap, card.issuerTries(ap.aid));
        }
        return tries;
    }

    private void restore(Map<String, Integer> nowPins) {
        for (FuzzedAp ap : FuzzedAp.values()) {
            for (FuzzedAp.Pin pin : ap.pins) {
                if (nowPins.get(key(ap, pin)) == pin.maxTries() && !pinChanged) {
                    continue;
                }
                direct(ap.select(), "SELECT " + ap.label);
                direct(FuzzedAp.selectFile(pin.fid()), "SELECT PIN EF");
                int sw = CardSnapshot.sw(card.transmit(FuzzedAp.verify(pin.ascii())));
                if (sw == 0x9000) {
                    continue;
                }
                if (pin.counter() == null) {
                    fail(key(ap, pin) + " (a printed-data PIN, which nothing resets) no longer takes its value: " + Integer.toHexString(sw));
                }
                // a fuzzed CHANGE REFERENCE DATA set another value: the counter's PIN reset puts the sample one back
                withChannel(channel -> new PinUnblock(channel, VirtualCard.testIssuerKey()).reset(pin.counter(), pin.value().toCharArray()));
            }
        }
    }

    private void withChannel(Consumer<ApduChannel> operation) {
        try {
            Card connected = card.terminal().connect("*");
            try {
                operation.accept(ApduChannel.over(connected.getBasicChannel()));
            } finally {
                connected.disconnect(true);
            }
        } catch (CardException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpoint's own APDU: must succeed, and is not counted as fuzz. */
    byte[] direct(byte[] apdu, String what) {
        byte[] answer = card.transmit(apdu);
        if (CardSnapshot.sw(answer) != 0x9000) {
            fail(what + " answered " + Integer.toHexString(CardSnapshot.sw(answer)));
        }
        return Arrays.copyOf(answer, answer.length - 2);
    }

    /** The card as a plain APDU function, for the valid flows. */
    byte[] transmit(byte[] apdu) {
        return card.transmit(apdu);
    }

    private static String key(FuzzedAp ap, FuzzedAp.Pin pin) {
        return ReferenceCard.key(ap, pin);
    }

    private void remember(byte[] apdu, byte[] answer) {
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast("> " + shown(apdu) + "\n< " + (answer.length > 40 ? HEX.formatHex(answer, 0, 16) + "..(" + answer.length + " bytes).."
                + HEX.formatHex(answer, answer.length - 2, answer.length) : HEX.formatHex(answer)));
    }

    /** PIN data is never printed, not even the sample holder's: nor a command that carries a PIN value anywhere. */
    private static String shown(byte[] apdu) {
        boolean pinData = apdu.length > 5 && (apdu[1] == 0x20 || apdu[1] == 0x24);
        for (FuzzedAp ap : FuzzedAp.values()) {
            for (FuzzedAp.Pin pin : ap.pins) {
                pinData |= LeakWatch.indexOf(apdu, pin.ascii()) >= 0;
            }
        }
        return pinData ? HEX.formatHex(apdu, 0, Math.min(5, apdu.length)) + "<pin>" : HEX.formatHex(apdu);
    }

    private void fail(String what) {
        throw new AssertionError(what + " after " + sent + " fuzz APDUs" + run.replay() + "\nlast APDUs of the episode:\n"
                + String.join("\n", recent));
    }
}
