package jp.mynacard.perso.channel;

import jp.mynacard.model.card.MynaCardException;

/** The channel could not be trusted: a cryptogram or response MAC that does not match, or a blocked channel. */
public final class SecureChannelException extends MynaCardException {
    public SecureChannelException(String message) {
        super(message);
    }
}
