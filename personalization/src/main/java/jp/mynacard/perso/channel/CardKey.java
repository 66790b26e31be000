package jp.mynacard.perso.channel;

import javax.crypto.SecretKey;

/** One card's channel key, diversified from the issuer master key; never leaves this package. */
record CardKey(SecretKey key) {
    @Override
    public String toString() {
        return "CardKey[value hidden]";
    }
}
