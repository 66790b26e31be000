package jp.mynacard.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * A transparent EF: persistent content of a fixed capacity, the size written so far, and the
 * PINs any one of which opens it for reading (none: always readable).
 *
 * <p>A counter's rewrite after LOCK marks the file incomplete before its first byte changes and
 * only the LOCK of the session that wrote it from offset 0 marks it complete again, last: an
 * incomplete file is never read, and one whose rewrite a tear cut short (the session, transient,
 * is gone) never LOCKed. The card cannot tell a half-written file from a whole one by its size.
 */
final class ElementaryFile extends CardFile {
    private final byte[] content;
    private final PinFile[] readPins;
    private short size;
    private boolean complete = true;
    /** Whether this selection's session began a rewrite at offset 0: a reset or a new selection forgets it. */
    private final boolean[] rewrittenInSession;

    /** @param readPins PINs any of which opens the file; {@code null} means readable by anyone */
    ElementaryFile(short capacity, PinFile[] readPins) {
        this.content = new byte[capacity];
        this.readPins = readPins;
        this.rewrittenInSession = JCSystem.makeTransientBooleanArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    }

    boolean isReadable() {
        if (readPins == null) {
            return true;
        }
        for (short i = 0; i < readPins.length; i++) {
            if (readPins[i].isValidated()) {
                return true;
            }
        }
        return false;
    }

    boolean isPersonalized() {
        return size > 0 && complete;
    }

    /** False while a counter rewrites it, or after a tear cut its rewrite short: READ BINARY refuses it. */
    boolean isComplete() {
        return complete;
    }

    /**
     * Before a counter's UPDATE BINARY after LOCK: offset 0 begins a rewrite (the file is
     * incomplete from now on), any other offset must continue this session's rewrite where it
     * stopped. False when the chunk does neither, e.g. a session resuming a torn rewrite.
     */
    boolean rewrite(short offset) {
        if (offset == 0) {
            if (complete) {
                TearPoints.beforeWrite();
                complete = false;
            }
            rewrittenInSession[0] = true;
            return true;
        }
        return rewrittenInSession[0] && offset == size;
    }

    boolean isTorn() {
        return !complete && !rewrittenInSession[0];
    }

    void completeRewrite() {
        if (!complete) {
            TearPoints.beforeWrite();
            complete = true;
        }
    }

    ElementaryFile asElementaryFile() {
        return this;
    }

    short size() {
        return size;
    }

    short capacity() {
        return (short) content.length;
    }

    byte[] content() {
        return content;
    }

    /**
     * Copies a chunk of content in; it becomes part of the file only when {@link #setSize}
     * is called after the last chunk, so a tear never leaves a size that covers unwritten bytes.
     */
    void writeChunk(short offset, byte[] source, short sourceOffset, short length) {
        TearPoints.beforeWrite();
        Util.arrayCopy(source, sourceOffset, content, offset, length);
    }

    /** Empties the file and overwrites what it held (WIPE of a torn personalization). */
    void clear() {
        TearPoints.beforeWrite();
        size = 0;
        TearPoints.beforeWrite();
        Util.arrayFillNonAtomic(content, (short) 0, (short) content.length, (byte) 0);
    }

    /** Makes the first {@code newSize} bytes the file, after they were written with {@link #writeChunk}. */
    void setSize(short newSize) {
        TearPoints.beforeWrite();
        size = newSize;
    }
}
