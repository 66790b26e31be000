package jp.mynacard.applet;

import javacard.framework.ISOException;

/**
 * A file of an application's DF: a transparent EF, a PIN or a private key. Personalization writes
 * it (GET DATA reports whether it did) and WIPE clears it. A command that needs one kind of file
 * takes it with {@link #asElementaryFile}, {@link #asPinFile} or {@link #asKeyFile}, which answer
 * 6981 (command incompatible with file structure) for any other kind.
 */
abstract class CardFile {
    /** Whether personalization has written it: an EF with content, a PIN set, a key generated. */
    abstract boolean isPersonalized();

    /** Back to blank: WIPE of a torn personalization. */
    abstract void clear();

    /** Whether a counter's rewrite of it began and no open session wrote it from the start: LOCK refuses. */
    boolean isTorn() {
        return false;
    }

    /** At LOCK: a rewrite this session made is the file again. */
    void completeRewrite() {
    }

    ElementaryFile asElementaryFile() {
        ISOException.throwIt(FileSystemApplet.SW_COMMAND_INCOMPATIBLE_WITH_FILE);
        return null;
    }

    PinFile asPinFile() {
        ISOException.throwIt(FileSystemApplet.SW_COMMAND_INCOMPATIBLE_WITH_FILE);
        return null;
    }

    KeyFile asKeyFile() {
        ISOException.throwIt(FileSystemApplet.SW_COMMAND_INCOMPATIBLE_WITH_FILE);
        return null;
    }
}
