package jp.mynacard.jlis.provision;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical form shared by the statements a holder signs: UTF-8, lines separated by a single
 * LF and no final line break; a header line, then {@code key=value} lines in a fixed order.
 * Exactly one spelling is accepted, so the bytes signed are the bytes the centre reads.
 */
final class StatementText {
    /** How old a statement may be: long enough for a holder at a counter, short enough to limit replays. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** How far ahead of the centre's clock the signer's clock may run. */
    static final Duration MAX_SKEW = Duration.ofMinutes(2);

    private StatementText() {
    }

    static String format(String header, String... keysAndValues) {
        StringBuilder text = new StringBuilder(header);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            text.append('\n').append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
        }
        return text.toString();
    }

    /** The values of {@code keys}, in order; a refusal naming what is wrong otherwise. */
    static List<String> values(byte[] statement, String header, String... keys) {
        String[] lines = utf8(statement).split("\n", -1);
        if (!lines[0].equals(header)) {
            throw malformed("the statement must start with the line '" + header + "'");
        }
        if (lines.length != keys.length + 1) {
            throw malformed("the statement has " + (lines.length - 1) + " lines after '" + header + "', expected "
                    + keys.length + " (" + String.join(", ", keys) + "), with no final line break");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            String prefix = keys[i] + "=";
            if (!lines[i + 1].startsWith(prefix)) {
                throw malformed("line " + (i + 2) + " of the statement must be '" + prefix + "…'");
            }
            values.add(lines[i + 1].substring(prefix.length()));
        }
        return values;
    }

    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw malformed("issued must be a UTC time like 2026-11-23T10:00:00Z, not '" + value + "'");
        }
    }

    /** Refuses a statement issued too long ago or too far in the future. */
    static void checkFresh(Instant issued, Instant now) {
        if (issued.isBefore(now.minus(MAX_AGE))) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.UNACCEPTABLE, "the statement was issued at " + issued
                    + ", more than " + MAX_AGE.toMinutes() + " minutes ago: have the holder sign a new one");
        }
        if (issued.isAfter(now.plus(MAX_SKEW))) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.UNACCEPTABLE, "the statement was issued at " + issued
                    + ", in the future (the centre's time is " + now + ")");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the statement is not UTF-8 text");
        }
    }

    private static ProvisionRefusal malformed(String message) {
        return new ProvisionRefusal(ProvisionRefusal.Kind.MALFORMED, message);
    }
}
