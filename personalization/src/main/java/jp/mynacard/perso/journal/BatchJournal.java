package jp.mynacard.perso.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a batch has done so far, one forced line per step, so that a batch killed at any moment
 * resumes exactly where it stopped: an application journaled {@code issued} or {@code rejected}
 * is never done again; one that got as far as {@code started} is {@link #unfinished()}, and the
 * journal holds what recovery needs to undo (the card, the public keys sent to the centre, the
 * certificates it returned). The steps of one application, in order:
 * <ol>
 * <li>{@code started} — a blank card (its serial) was taken for it;</li>
 * <li>{@code requested} — its public keys (SHA-256 of the SubjectPublicKeyInfo) go to the centre;
 *     written before the request, so certificates issued by a request whose answer a crash lost can
 *     still be found at the centre by key;</li>
 * <li>{@code certified} — the centre's certificate serials;</li>
 * <li>{@code verified} — every AP written and read back, before the first LOCK: from here on the
 *     card (its serial journaled at {@code started}) is the holder's, and one pulled during the
 *     LOCKs is finished, not wiped ({@link #awaitingLock(String)});</li>
 * <li>{@code issued} — the card is locked; or {@code abandoned} — recovery revoked the
 *     certificates and the card goes to be wiped.</li>
 * </ol>
 * A journal written before {@code verified} existed (certified, then issued) replays as it did.
 * No PIN, My Number, name or key is ever written: an application id, card serial and certificate
 * serials identify everything.
 */
public final class BatchJournal implements AutoCloseable {
    private static final String APPLICATION = "application";
    private static final String STEP = "step";
    private static final String CARD = "card";
    private static final String KEYS = "keys";
    private static final String CERTIFICATES = "certificates";
    private static final String LINE = "line";
    private static final String SEPARATOR = " ";

    private final JsonLinesLog log;
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    /** The application last started on each card: only that one may still own what the card holds. */
    private final Map<String, String> lastStartedOn = new LinkedHashMap<>();

    private BatchJournal(JsonLinesLog log) throws IOException {
        this.log = log;
        for (Map<String, String> record : log.records()) {
            apply(record);
        }
    }

    /** Opens the journal of a batch, creating it, and replays what it holds. */
    public static BatchJournal open(Path file) throws IOException {
        return new BatchJournal(JsonLinesLog.open(file));
    }

    /** How far an application got, {@link Step#NOT_STARTED} for one the journal has not seen. */
    public Progress progress(String applicationId) {
        return progress.getOrDefault(applicationId, Progress.NOT_STARTED);
    }

    /**
     * Applications started but not verified, issued nor abandoned: what a crash left half done.
     * A verified application is not among them: its card is finished when it comes back ({@link #awaitingLock}).
     */
    public List<Progress> unfinished() {
        return progress.values().stream().filter(p -> p.step().ordinal() >= Step.STARTED.ordinal()
                && p.step().ordinal() <= Step.CERTIFIED.ordinal()).toList();
    }

    /**
     * The application whose verified content the card holds, not yet locked: the last application
     * started on that card, if it is at {@code verified}. Empty for a card the journal does not know,
     * one whose application is at an earlier step (its content unchecked), issued, or abandoned.
     */
    public Optional<Progress> awaitingLock(String cardSerial) {
        String applicationId = lastStartedOn.get(cardSerial);
        if (applicationId == null || progress(applicationId).step() != Step.VERIFIED) {
            return Optional.empty();
        }
        return Optional.of(progress(applicationId));
    }

    /** Every application at {@code verified}: its card written and read back, not locked. */
    public List<Progress> awaitingLock() {
        return progress.values().stream().filter(p -> p.step() == Step.VERIFIED).toList();
    }

    public void rejected(String applicationId, int line) throws IOException {
        append(applicationId, Step.REJECTED, Map.of(LINE, Integer.toString(line)));
    }

    public void started(String applicationId, String cardSerial) throws IOException {
        append(applicationId, Step.STARTED, Map.of(CARD, cardSerial));
    }

    public void requested(String applicationId, List<String> publicKeyHashes) throws IOException {
        append(applicationId, Step.REQUESTED, Map.of(KEYS, String.join(SEPARATOR, publicKeyHashes)));
    }

    public void certified(String applicationId, List<String> certificateSerials) throws IOException {
        append(applicationId, Step.CERTIFIED, Map.of(CERTIFICATES, String.join(SEPARATOR, certificateSerials)));
    }

    /** Every AP written and read back as the holder will see it; nothing locked yet. */
    public void verified(String applicationId) throws IOException {
        append(applicationId, Step.VERIFIED, Map.of());
    }

    public void issued(String applicationId) throws IOException {
        append(applicationId, Step.ISSUED, Map.of());
    }

    /** Recovery undid the application (its certificates revoked); it may now be started again. */
    public void abandoned(String applicationId) throws IOException {
        append(applicationId, Step.ABANDONED, Map.of());
    }

    public Path file() {
        return log.file();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    private void append(String applicationId, Step step, Map<String, String> fields) throws IOException {
        Progress current = progress(applicationId);
        if (!current.step().mayBeFollowedBy(step)) {
            throw new IllegalStateException("application " + applicationId + ": " + step.word + " after " + current.step().word);
        }
        Map<String, String> record = new LinkedHashMap<>();
        record.put(APPLICATION, applicationId);
        record.put(STEP, step.word);
        record.putAll(fields);
        log.append(record);
        apply(record);
    }

    private void apply(Map<String, String> record) throws IOException {
        String applicationId = record.get(APPLICATION);
        Step step = Step.of(record.get(STEP));
        if (applicationId == null || step == null) {
            throw new IOException(log.file() + ": a record without application or known step: " + record.keySet());
        }
        if (step == Step.STARTED && record.get(CARD) != null) {
            lastStartedOn.put(record.get(CARD), applicationId);
        }
        Progress before = step == Step.STARTED
                ? new Progress(applicationId, step, record.get(CARD), List.of(), List.of())
                : progress(applicationId);
        progress.put(applicationId, new Progress(applicationId, step, before.cardSerial(),
                step == Step.REQUESTED ? split(record.get(KEYS)) : before.publicKeyHashes(),
                step == Step.CERTIFIED ? split(record.get(CERTIFICATES)) : before.certificateSerials()));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(joined.split(SEPARATOR)));
    }

    /** The steps, in the order an application goes through them. */
    public enum Step {
        NOT_STARTED("not started"), REJECTED("rejected"), STARTED("started"), REQUESTED("requested"),
        CERTIFIED("certified"), VERIFIED("verified"), ISSUED("issued"), ABANDONED("abandoned");

        private final String word;

        Step(String word) {
            this.word = word;
        }

        static Step of(String word) {
            for (Step s : values()) {
                if (s.word.equals(word)) {
                    return s;
                }
            }
            return null;
        }

        boolean mayBeFollowedBy(Step next) {
            return switch (this) {
                case NOT_STARTED, ABANDONED -> next == STARTED || next == REJECTED;
                case STARTED -> next == REQUESTED || next == ABANDONED;
                case REQUESTED -> next == CERTIFIED || next == ABANDONED;
                case CERTIFIED -> next == VERIFIED || next == ABANDONED;
                case VERIFIED -> next == ISSUED || next == ABANDONED;
                case ISSUED, REJECTED -> false;
            };
        }
    }

    /** One application's latest step and what it left to undo. */
    public record Progress(String applicationId, Step step, String cardSerial, List<String> publicKeyHashes,
                           List<String> certificateSerials) {
        static final Progress NOT_STARTED = new Progress("", Step.NOT_STARTED, "", List.of(), List.of());

        public Progress {
            publicKeyHashes = List.copyOf(publicKeyHashes);
            certificateSerials = List.copyOf(certificateSerials);
        }

        /** Finished one way or the other: never to be done again in this batch. */
        public boolean done() {
            return step == Step.ISSUED || step == Step.REJECTED;
        }
    }
}
