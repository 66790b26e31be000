package jp.mynacard.applet;

import javacard.framework.Util;

/**
 * A transparent EF: persistent content of a fixed capacity, the size written so far, and the
 * PINs any one of which opens it for reading (none: always readable).
 */
final class ElementaryFile extends CardFile {
    private final byte[] content;
    private final PinFile[] readPins;
    private short size;

    /** @param readPins PINs any of which opens the file; {@code null} means readable by anyone */
    ElementaryFile(short capacity, PinFile[] readPins) {
        this.content = new byte[capacity];
        this.readPins = readPins;
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
        return size > 0;
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
