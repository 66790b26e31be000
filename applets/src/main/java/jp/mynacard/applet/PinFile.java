package jp.mynacard.applet;

import javacard.framework.OwnerPIN;

/**
 * A PIN EF: the PIN value and its try counter (persistent, in {@link OwnerPIN}, which
 * decrements before comparing and so survives a tear), plus the format the spec fixes for it.
 * The verified flag is OwnerPIN's, which the runtime keeps in transient memory.
 */
final class PinFile extends CardFile {
    /** Only ASCII digits '0'..'9'. */
    static final byte FORMAT_DIGITS = 1;
    /** ASCII upper-case letters and digits (the JPKI signature PIN). */
    static final byte FORMAT_UPPER_ALPHANUMERIC = 2;
    /** The 12-digit My Number with a valid check digit (spec §4): PIN-A of the card-face APs. */
    static final byte FORMAT_MY_NUMBER = 3;

    private final OwnerPIN pin;
    private final byte format;
    private final byte minLength;
    private final byte maxLength;
    private final boolean holderChangeable;
    private boolean set;

    /** A PIN the holder chooses and may change with CHANGE REFERENCE DATA. */
    PinFile(byte tryLimit, byte format, byte minLength, byte maxLength) {
        this(tryLimit, format, minLength, maxLength, true);
    }

    /**
     * @param holderChangeable false for reference data derived from what is printed on the card
     *        (My Number, birth date, expiry, security code): only personalization sets it
     */
    PinFile(byte tryLimit, byte format, byte minLength, byte maxLength, boolean holderChangeable) {
        this.pin = new OwnerPIN(tryLimit, maxLength);
        this.format = format;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.holderChangeable = holderChangeable;
    }

    boolean isHolderChangeable() {
        return holderChangeable;
    }

    /** Checked before any comparison, so a malformed PIN costs no try. */
    boolean isWellFormed(byte[] buffer, short offset, short length) {
        if (length < minLength || length > maxLength) {
            return false;
        }
        for (short i = 0; i < length; i++) {
            byte c = buffer[(short) (offset + i)];
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            if (!digit && !(format == FORMAT_UPPER_ALPHANUMERIC && upper)) {
                return false;
            }
        }
        if (format == FORMAT_MY_NUMBER && !MyNumber.hasValidCheckDigit(buffer, offset, length)) {
            return false;
        }
        return true;
    }

    /** Compares a well-formed candidate; the try counter is decremented first, restored on success. */
    boolean check(byte[] buffer, short offset, short length) {
        return pin.check(buffer, offset, (byte) length);
    }

    /** Sets a new PIN value and restores the counter; the verified flag is cleared. */
    void update(byte[] buffer, short offset, short length) {
        TearPoints.beforeWrite();
        pin.update(buffer, offset, (byte) length);
        TearPoints.beforeWrite();
        set = true;
    }

    /**
     * Back to "not set" (WIPE before LOCK). OwnerPIN cannot forget its value; nothing reads it
     * before LOCK, and LOCK needs a new SET PIN first.
     */
    void clear() {
        TearPoints.beforeWrite();
        set = false;
    }

    boolean isPersonalized() {
        return set;
    }

    PinFile asPinFile() {
        return this;
    }

    boolean isBlocked() {
        return pin.getTriesRemaining() == 0;
    }

    boolean isValidated() {
        return pin.isValidated();
    }

    byte triesRemaining() {
        return pin.getTriesRemaining();
    }

    /** Forgets a verification (selection of an AP, deselection); the counter is untouched. */
    void clearVerification() {
        if (pin.isValidated()) {
            // OwnerPIN.reset() also restores the counter, which is already at its maximum after a success
            pin.reset();
        }
    }
}
