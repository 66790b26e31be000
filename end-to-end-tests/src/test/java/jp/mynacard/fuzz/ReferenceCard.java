package jp.mynacard.fuzz;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.smartcardio.CommandAPDU;

/**
 * The fuzzer's oracle: what a correct card may answer, from what the fuzzer knows because it
 * personalized the card ({@link FuzzedAp}: each PIN's value, tries and format, which EF and which
 * key needs which PIN). It follows the security state through SELECT (an AP selected: nothing
 * verified, spec §2), SELECT EF, VERIFY (right, wrong, malformed) and CHANGE REFERENCE DATA, and
 * judges each answer: a 9000 VERIFY must have carried the PIN's value; a wrong PIN of the right
 * format spends exactly one try (63Cx with one try fewer), a malformed one none (6A80); a tries
 * query reports the model's count; READ BINARY of a protected EF, COMPUTE DIGITAL SIGNATURE and
 * INTERNAL AUTHENTICATE answer 9000 only when the model has the PIN they need verified.
 *
 * <p>The model judges only what it can name. A command it cannot parse, or a SELECT of an AID
 * that is not exactly one of the four, leaves it not knowing the AP, the EF or a PIN's value:
 * it then judges nothing there (never a false alarm) until the next SELECT of an AP, and counts
 * the tries of a PIN it lost track of as inexact until the checkpoint.
 */
final class ReferenceCard {
    private static final int SW_OK = 0x9000;
    private static final int SW_TRIES_LEFT = 0x63C0;
    private static final int SW1_MASK = 0xFFF0;
    private static final int TRIES_MASK = 0x000F;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_CHANGE_REFERENCE_DATA = 0x24;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_READ_BINARY_ODD = 0xB1;
    private static final int INS_COMPUTE_DIGITAL_SIGNATURE = 0x2A;
    private static final int INS_INTERNAL_AUTHENTICATE = 0x88;
    private static final int P1_SELECT_BY_DF_NAME = 0x04;
    private static final int P1_SELECT_EF = 0x02;
    /** ISO 7816-4: READ BINARY P1 with bit 8 set names the EF by its short id (low 5 bits). */
    private static final int P1_SHORT_EF_FLAG = 0x80;
    private static final int SHORT_EF_MASK = 0x1F;
    /** COMPUTE DIGITAL SIGNATURE P2: 80 the selected key, 80|SFI a key by short id, 00 the AP's own key. */
    private static final int P2_SELECTED_KEY = 0x80;
    private static final int P2_KEY_REFERENCE_MASK = 0xE0;
    private static final int P2_APPLICATION_KEY = 0x00;
    private static final int FID_LENGTH = 2;
    private static final int NO_EF = -1;
    /** A SELECT EF answered 9000 that the model could not read: some EF is selected, which one it cannot say. */
    private static final int UNKNOWN_EF = -2;

    /** Each PIN of each AP, keyed {@code AP/FID}. */
    private final Map<String, PinState> pins = new LinkedHashMap<>();
    /** The AP selected; {@code null} after a SELECT the model could not name (its state was cleared all the same). */
    private FuzzedAp selectedAp;
    private int selectedFid = NO_EF;
    /** The PINs of {@link #selectedAp} verified now. */
    private final Set<Integer> verified = new HashSet<>();
    /** The PINs of {@link #selectedAp} whose last VERIFY failed: named in the verdict of a read or signature after it. */
    private final Set<Integer> failed = new HashSet<>();
    /** A PIN the model cannot name got verified: every protected file counts as readable until the next SELECT of an AP. */
    private boolean lost;
    /** How many answers each check judged, and how often the model lost track: a run that judges nothing tests nothing. */
    private final Map<String, Integer> judged = new TreeMap<>();

    /** The card as personalized: every PIN its value and full tries, {@code selected} selected. */
    ReferenceCard(FuzzedAp selected) {
        for (FuzzedAp ap : FuzzedAp.values()) {
            for (FuzzedAp.Pin pin : ap.pins) {
                pins.put(key(ap, pin), new PinState(ap, pin));
            }
        }
        reset(selected);
    }

    /** After a checkpoint put the card back: every PIN its value and full tries, {@code selected} selected, nothing verified. */
    void reset(FuzzedAp selected) {
        pins.values().forEach(PinState::personalized);
        selectAp(selected);
    }

    /** How a PIN is named in verdicts and counter maps: {@code JPKI/0018}. */
    static String key(FuzzedAp ap, FuzzedAp.Pin pin) {
        return ap.name() + "/" + String.format("%04X", pin.fid());
    }

    /** The tries the model counts for this PIN, and whether it counts them exactly. */
    int tries(String pinKey) {
        return pins.get(pinKey).tries;
    }

    boolean isExact(String pinKey) {
        return pins.get(pinKey).exact;
    }

    /** The protected files a correct card may serve now, named as {@link FuzzedAp#file} names them. */
    Set<String> readable() {
        Set<String> files = new HashSet<>();
        for (FuzzedAp ap : FuzzedAp.values()) {
            ap.readConditions.forEach((fid, opening) -> {
                if (lost || (ap == selectedAp && opening.stream().anyMatch(verified::contains))) {
                    files.add(ap.file(fid));
                }
            });
        }
        return files;
    }

    /**
     * Follows one command and its answer; returns what a correct card would not have answered,
     * or {@code null}. Verdicts name the PIN by its EF, never its value.
     */
    String judge(byte[] apdu, byte[] answer) {
        int sw = CardSnapshot.sw(answer);
        if (apdu.length < 4) {
            return null;
        }
        int ins = apdu[1] & 0xFF;
        CommandAPDU command = parse(apdu);
        if (ins == INS_SELECT) {
            followSelect(apdu, command, sw);
            return null;
        }
        if (ins != INS_VERIFY && ins != INS_CHANGE_REFERENCE_DATA && ins != INS_READ_BINARY && ins != INS_READ_BINARY_ODD
                && ins != INS_COMPUTE_DIGITAL_SIGNATURE && ins != INS_INTERNAL_AUTHENTICATE) {
            return null;
        }
        if (selectedAp == null || lost) {
            loseTrackIfPinCommand(ins, sw);
            return null;
        }
        tally(ins, sw);
        return switch (ins) {
            case INS_VERIFY -> verify(command, sw);
            case INS_CHANGE_REFERENCE_DATA -> changeReferenceData(command, sw);
            case INS_READ_BINARY, INS_READ_BINARY_ODD -> readBinary(apdu, ins, sw, answer.length - 2);
            case INS_COMPUTE_DIGITAL_SIGNATURE -> computeDigitalSignature(apdu, sw);
            default -> internalAuthenticate(sw);
        };
    }

    /** For the run's printout: the answers judged per kind, and the times the model lost track. */
    String summary() {
        StringBuilder text = new StringBuilder("answers judged by the reference model:");
        judged.forEach((kind, count) -> text.append(' ').append(kind).append(' ').append(count));
        return text.toString();
    }

    private void tally(int ins, int sw) {
        String kind = switch (ins) {
            case INS_VERIFY -> sw == SW_OK ? "VERIFY-9000" : (sw & SW1_MASK) == SW_TRIES_LEFT ? "VERIFY-63Cx" : "VERIFY-refused";
            case INS_CHANGE_REFERENCE_DATA -> "CHANGE";
            case INS_READ_BINARY, INS_READ_BINARY_ODD -> null; // counted by readBinary: only the protected EFs
            default -> sw == SW_OK ? "SIGN-9000" : "SIGN-refused";
        };
        if (kind != null) {
            judged.merge(kind, 1, Integer::sum);
        }
    }

    /** Which tries differ from the model's at a checkpoint (read with VERIFY without data), or {@code null}. */
    String counterMismatch(Map<String, Integer> card, int pinCommandsSent) {
        for (Map.Entry<String, PinState> entry : pins.entrySet()) {
            PinState state = entry.getValue();
            int now = card.get(entry.getKey());
            if (state.exact && now != state.tries) {
                return "the tries of " + entry.getKey() + " are " + now + " where the model counts " + state.tries
                        + " (" + pinCommandsSent + " VERIFY/CHANGE REFERENCE DATA with data sent this episode)";
            }
            // lost track: a counter still moves by no more tries than PIN commands were sent
            if (!state.exact && (now > state.pin.maxTries() || now < state.pin.maxTries() - pinCommandsSent)) {
                return "the tries of " + entry.getKey() + " went from " + state.pin.maxTries() + " to " + now
                        + " with " + pinCommandsSent + " VERIFY/CHANGE REFERENCE DATA commands";
            }
        }
        return null;
    }

    // ---- the state: SELECT ----

    /**
     * SELECT by AID in the form the runtime takes (ISO class, P1 04): answered 9000, an AP is
     * selected and every verification cleared, whichever AP it was. SELECT EF answered 9000: that EF.
     */
    private void followSelect(byte[] apdu, CommandAPDU command, int sw) {
        if (sw != SW_OK) {
            return; // a refused SELECT changes nothing (spec §2)
        }
        int p1 = apdu[2] & 0xFF;
        if (p1 == P1_SELECT_BY_DF_NAME) {
            selectAp(command == null ? null : FuzzedAp.byAid(command.getData()));
        } else if (p1 == P1_SELECT_EF && command != null && command.getNc() == FID_LENGTH) {
            byte[] fid = command.getData();
            selectedFid = ((fid[0] & 0xFF) << 8) | (fid[1] & 0xFF);
        } else {
            selectedFid = UNKNOWN_EF;
        }
    }

    private void selectAp(FuzzedAp ap) {
        selectedAp = ap;
        selectedFid = NO_EF;
        verified.clear();
        failed.clear();
        lost = false;
    }

    /** A PIN command the model cannot attribute: the PINs it may have touched are no longer known exactly. */
    private void loseTrackIfPinCommand(int ins, int sw) {
        if (ins != INS_VERIFY && ins != INS_CHANGE_REFERENCE_DATA) {
            return;
        }
        if (sw == SW_OK) {
            lost = true;
        }
        if (sw == SW_OK || (sw & SW1_MASK) == SW_TRIES_LEFT) {
            judged.merge("lost-track", 1, Integer::sum);
            pins.values().stream().filter(state -> selectedAp == null || state.ap == selectedAp).forEach(PinState::loseTrack);
        }
    }

    // ---- VERIFY and CHANGE REFERENCE DATA ----

    private String verify(CommandAPDU command, int sw) {
        PinState pin = selectedPin();
        if (pin == null) {
            return sw == SW_OK ? "VERIFY answered 9000 in the " + selectedAp.label + " with " + selectedEf() + " selected, which is no PIN" : null;
        }
        if (command == null || pin.value == null) {
            unreadableVerify(pin, sw);
            return null;
        }
        byte[] candidate = command.getData();
        if (candidate.length == 0) {
            return triesQuery(pin, sw);
        }
        boolean right = Arrays.equals(candidate, pin.value);
        if (sw == SW_OK) {
            String wrong = !right ? "VERIFY of " + pin.name() + " with a wrong PIN answered 9000: the card accepts a wrong PIN"
                    : pin.exact && pin.tries == 0 ? "VERIFY of " + pin.name() + " answered 9000 while the PIN is blocked" : null;
            pin.tries = pin.pin.maxTries();
            verifiedOrNot(pin, true);
            return wrong;
        }
        if ((sw & SW1_MASK) != SW_TRIES_LEFT) {
            return null; // refused before the comparison (format 6A80, blocked 6984, framing): no try, no change
        }
        int left = sw & TRIES_MASK;
        String wrong = null;
        if (right) {
            wrong = "VERIFY of " + pin.name() + " with its right PIN answered " + hex(sw);
        } else if (!pin.pin.isWellFormed(candidate)) {
            wrong = "VERIFY of " + pin.name() + " with a malformed PIN answered " + hex(sw)
                    + ": a PIN of the wrong format must be refused (6A80) before the comparison, costing no try";
        } else if (pin.exact && left != pin.tries - 1) {
            wrong = "VERIFY of " + pin.name() + " with a wrong PIN left " + left + " tries where it had " + pin.tries
                    + ": a wrong PIN must spend exactly one try";
        }
        pin.tries = left;
        verifiedOrNot(pin, false);
        return wrong;
    }

    /**
     * A VERIFY whose framing the model cannot read (the card may have taken it as a tries query),
     * or of a value a CHANGE it could not read set: judged not at all, followed only as far as the
     * answer shows. 9000: verified. 63Cx with fewer tries than counted: a comparison failed, which
     * clears the verification. 63Cx with the count: no comparison, nothing changed.
     */
    private void unreadableVerify(PinState pin, int sw) {
        if (sw == SW_OK) {
            pin.loseTrack();
            verifiedOrNot(pin, true);
        } else if ((sw & SW1_MASK) == SW_TRIES_LEFT && (!pin.exact || (sw & TRIES_MASK) != pin.tries)) {
            if ((sw & TRIES_MASK) < pin.tries) {
                verifiedOrNot(pin, false);
            }
            pin.loseTrack();
            pin.tries = sw & TRIES_MASK;
        }
    }

    /** VERIFY without data: never 9000 (no PIN was given), and the count the model keeps. */
    private String triesQuery(PinState pin, int sw) {
        if (sw == SW_OK) {
            return "VERIFY of " + pin.name() + " without a PIN answered 9000";
        }
        if ((sw & SW1_MASK) == SW_TRIES_LEFT && pin.exact && (sw & TRIES_MASK) != pin.tries) {
            return "VERIFY without data of " + pin.name() + " reports " + (sw & TRIES_MASK) + " tries left where the model counts "
                    + pin.tries;
        }
        return null;
    }

    private String changeReferenceData(CommandAPDU command, int sw) {
        PinState pin = selectedPin();
        if (sw != SW_OK) {
            return null; // refused before the update: no try spent, nothing changed
        }
        if (pin == null) {
            return "CHANGE REFERENCE DATA answered 9000 in the " + selectedAp.label + " with " + selectedEf() + " selected, which is no PIN";
        }
        String wrong = !pin.pin.isHolderChangeable()
                ? "CHANGE REFERENCE DATA of " + pin.name() + " (printed-data reference, set only by personalization) answered 9000"
                : !verified.contains(pin.pin.fid()) ? "CHANGE REFERENCE DATA of " + pin.name() + " answered 9000 without its PIN verified"
                : command != null && !pin.pin.isWellFormed(command.getData())
                        ? "CHANGE REFERENCE DATA of " + pin.name() + " took a new PIN of the wrong format" : null;
        // the new value, full tries, not verified (OwnerPIN.update)
        pin.value = command == null ? null : command.getData();
        pin.exact &= command != null;
        pin.tries = pin.pin.maxTries();
        verifiedOrNot(pin, false);
        return wrong;
    }

    // ---- what needs a PIN ----

    private String readBinary(byte[] apdu, int ins, int sw, int length) {
        int p1 = apdu[2] & 0xFF;
        int fid = ins == INS_READ_BINARY && (p1 & P1_SHORT_EF_FLAG) != 0 ? p1 & SHORT_EF_MASK : selectedFid;
        List<Integer> opening = selectedAp.readConditions.get(fid);
        if (opening == null) {
            return null; // a public EF, or none the model can name
        }
        judged.merge(sw == SW_OK ? "protected-READ-9000" : "protected-READ-refused", 1, Integer::sum);
        if (sw != SW_OK || opening.stream().anyMatch(verified::contains)) {
            return null;
        }
        return "READ BINARY of " + selectedAp.name() + " EF " + String.format("%04X", fid) + " answered 9000 (" + length
                + " bytes) while none of the PINs that open it " + pinNames(opening) + " is verified" + afterFailure(opening);
    }

    private String computeDigitalSignature(byte[] apdu, int sw) {
        if (sw != SW_OK) {
            return null;
        }
        int p2 = apdu[3] & 0xFF;
        int fid = p2 == P2_SELECTED_KEY ? selectedFid
                : p2 == P2_APPLICATION_KEY ? selectedAp.applicationKey
                : (p2 & P2_KEY_REFERENCE_MASK) == P2_SELECTED_KEY ? p2 & SHORT_EF_MASK : NO_EF;
        if (fid == UNKNOWN_EF) {
            return null;
        }
        FuzzedAp.Key key = selectedAp.key(fid);
        if (key == null) {
            return "COMPUTE DIGITAL SIGNATURE (P2 " + String.format("%02X", p2) + ") answered 9000 in the " + selectedAp.label
                    + " with no key of the AP named (" + selectedEf() + " selected)";
        }
        if (key.pin() == FuzzedAp.Key.NO_PIN || verified.contains(key.pin())) {
            return null;
        }
        return "COMPUTE DIGITAL SIGNATURE with " + selectedAp.name() + " key " + String.format("%04X", fid)
                + " answered 9000 while its PIN " + pinNames(List.of(key.pin())) + " is not verified"
                + afterFailure(List.of(key.pin()));
    }

    /** No AP of this card has INTERNAL AUTHENTICATE; a 9000 is a private-key use all the same, allowed only with a usable key. */
    private String internalAuthenticate(int sw) {
        if (sw != SW_OK || selectedAp.keys.stream().anyMatch(key -> key.pin() == FuzzedAp.Key.NO_PIN || verified.contains(key.pin()))) {
            return null;
        }
        return "INTERNAL AUTHENTICATE answered 9000 in the " + selectedAp.label + " while no key of it may be used (no PIN verified)";
    }

    // ---- helpers ----

    private PinState selectedPin() {
        FuzzedAp.Pin pin = selectedFid < 0 ? null : selectedAp.pin(selectedFid);
        return pin == null ? null : pins.get(key(selectedAp, pin));
    }

    private void verifiedOrNot(PinState pin, boolean nowVerified) {
        if (nowVerified) {
            verified.add(pin.pin.fid());
            failed.remove(pin.pin.fid());
        } else {
            verified.remove(pin.pin.fid());
            failed.add(pin.pin.fid());
        }
    }

    private String selectedEf() {
        return selectedFid == NO_EF ? "no EF" : selectedFid == UNKNOWN_EF ? "an EF the fuzzer could not name"
                : "EF " + String.format("%04X", selectedFid);
    }

    private String pinNames(List<Integer> fids) {
        return fids.stream().map(fid -> String.format("%04X", fid)).toList().toString();
    }

    private String afterFailure(List<Integer> fids) {
        return fids.stream().anyMatch(failed::contains) ? " (its last VERIFY failed)" : "";
    }

    private static String hex(int sw) {
        return String.format("%04X", sw);
    }

    /** Short or extended form as ISO 7816-3 frames it; {@code null} when it is neither (the card answers 6700 then). */
    private static CommandAPDU parse(byte[] apdu) {
        try {
            return new CommandAPDU(apdu);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One PIN as the model keeps it: the value the card holds, the tries left, whether both are known exactly. */
    private static final class PinState {
        final FuzzedAp ap;
        final FuzzedAp.Pin pin;
        byte[] value;
        int tries;
        boolean exact;

        PinState(FuzzedAp ap, FuzzedAp.Pin pin) {
            this.ap = ap;
            this.pin = pin;
            personalized();
        }

        void personalized() {
            value = pin.ascii();
            tries = pin.maxTries();
            exact = true;
        }

        void loseTrack() {
            exact = false;
        }

        String name() {
            return key(ap, pin);
        }
    }
}
