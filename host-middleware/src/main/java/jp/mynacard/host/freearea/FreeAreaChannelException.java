package jp.mynacard.host.freearea;

/** The secure channel broke: an answer with a wrong R-MAC, or the card refused a command's MAC (6988). Open a new session. */
public final class FreeAreaChannelException extends FreeAreaException {
    public FreeAreaChannelException(String message, int statusWord) {
        super(message, statusWord);
    }
}
