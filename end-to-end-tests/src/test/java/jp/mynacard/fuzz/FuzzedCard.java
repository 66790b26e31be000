package jp.mynacard.fuzz;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.counter.PinUnblock;
import jp.mynacard.sim.VirtualCard;

/**
 * A personalized card under fuzz. Every APDU is checked as it comes back (never 6F00, nothing
 * leaked: {@link LeakWatch}); between episodes, at a {@link #checkpoint}, the PIN try counters
 * (read with VERIFY without data, which changes nothing) must not have moved unless the episode
 * sent a VERIFY or CHANGE REFERENCE DATA with data — and by no more tries than it sent — and the
 * issuer channel has all its tries after the power cycle, whatever the episode sent (the card
 * counts failed authentications per power-up only). The checkpoint then puts the PIN counters
 * back (a right VERIFY; the counter's PIN reset when a fuzzed CHANGE REFERENCE DATA got through),
 * so the next episode starts from an issued card.
 */
final class FuzzedCard {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** The issuer channel's tries after every power-up (PersonalizationChannel.AUTHENTICATION_TRIES_PER_RESET). */
    private static final int ISSUER_TRIES_PER_RESET = 3;
    private static final int RECENT = 24;

    private final VirtualCard card;
    private final LeakWatch watch;
    private final FuzzRun run;
    private final Deque<String> recent = new ArrayDeque<>();
    private final Map<String, Integer> pinTries = new LinkedHashMap<>();
    /** The card's security state as the fuzzer follows it: the AP selected, the EF selected, the PINs verified. */
    private FuzzedAp selectedAp;
    private int selectedFid = -1;
    private final Set<Integer> verifiedPins = new HashSet<>();
    /** A VERIFY answered 9000 for a PIN the model could not name: every protected file counts as readable. */
    private boolean verifiedUnnamed;
    private int pinCommands;
    private int authenticateCommands;
    private boolean pinChanged;
    private long sent;
    private final TreeMap<String, Integer> answers = new TreeMap<>();

    FuzzedCard(VirtualCard card, LeakWatch watch, FuzzRun run) {
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
        return byIns.size() + " instructions sent; those answered 9000 (INS:9000s/distinct SWs)" + text;
    }

    /** VERIFY and CHANGE REFERENCE DATA with data (these may spend a try) sent since the checkpoint. */
    int pinCommands() {
        return pinCommands;
    }

    /** EXTERNAL AUTHENTICATE with data (may spend an issuer-channel try until the next power-up) sent since the checkpoint. */
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
        if (sw == 0x9000) {
            follow(apdu, ins);
        }
        String leak = watch.leakIn(Arrays.copyOf(answer, answer.length - 2), readable());
        if (leak != null) {
            fail("the answer carries " + leak);
        }
        return answer;
    }

    /** What an APDU answered 9000 did to the security state (spec §2: SELECT of an AP clears it). */
    private void follow(byte[] apdu, int ins) {
        if (ins == 0xA4 && apdu.length > 4 && apdu[2] == 0x04) {
            int length = apdu[4] & 0xFF;
            selectedAp = apdu.length >= 5 + length ? FuzzedAp.byAid(Arrays.copyOfRange(apdu, 5, 5 + length)) : null;
            selectedFid = -1;
            verifiedPins.clear();
            verifiedUnnamed = false;
        } else if (ins == 0xA4 && apdu.length > 2 && apdu[2] == 0x02) {
            selectedFid = apdu.length >= 7 && apdu[4] == 2 ? ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF) : -1;
        } else if (ins == 0x20 || ins == 0x24) {
            boolean named = selectedAp != null && selectedAp.pins.stream().anyMatch(pin -> pin.fid() == selectedFid);
            if (named) {
                verifiedPins.add(selectedFid);
            } else {
                verifiedUnnamed = true;
            }
            pinChanged |= ins == 0x24;
        }
    }

    /** The protected files one of whose PINs is verified now. */
    private Set<String> readable() {
        Set<String> files = new HashSet<>();
        for (FuzzedAp ap : FuzzedAp.values()) {
            if (selectedAp != null && ap != selectedAp) {
                continue;
            }
            ap.readConditions.forEach((fid, pins) -> {
                if (verifiedUnnamed || pins.stream().anyMatch(verifiedPins::contains)) {
                    files.add(ap.file(fid));
                }
            });
        }
        return files;
    }

    /**
     * Power cycle, check the counters against the last checkpoint, restore them, select {@code next}.
     * The first call only records them.
     */
    void checkpoint(FuzzedAp next) {
        card.reset();
        Map<String, Integer> nowPins = readPinTries();
        Map<FuzzedAp, Integer> nowIssuer = readIssuerTries();
        if (!pinTries.isEmpty()) {
            for (FuzzedAp ap : FuzzedAp.values()) {
                for (FuzzedAp.Pin pin : ap.pins) {
                    String key = key(ap, pin);
                    int spent = pinTries.get(key) - nowPins.get(key);
                    if (spent > pinCommands || nowPins.get(key) > pin.maxTries()) {
                        fail("the tries of " + key + " went from " + pinTries.get(key) + " to " + nowPins.get(key)
                                + " with " + pinCommands + " VERIFY/CHANGE REFERENCE DATA commands");
                    }
                }
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
        pinTries.clear();
        pinTries.putAll(readPinTries());
        pinCommands = 0;
        authenticateCommands = 0;
        pinChanged = false;
        recent.clear();
        card.reset();
        direct(next.select(), "SELECT " + next.label);
        selectedAp = next;
        selectedFid = -1;
        verifiedPins.clear();
        verifiedUnnamed = false;
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
            tries.put(ap, ChipTries.issuerTries(card, ap.aid));
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
        return ap.name() + "/" + String.format("%04X", pin.fid());
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
