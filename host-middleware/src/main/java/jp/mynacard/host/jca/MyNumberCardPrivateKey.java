package jp.mynacard.host.jca;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import jp.mynacard.host.jpki.JpkiKey;

/**
 * A handle on one of the card's two RSA keys: the private key never leaves the card, so this
 * has no encoding. It carries the modulus (from the key's certificate), the alias, and the PIN
 * it was recovered with, if any; without one the PIN is asked through the key store's
 * callback handler when signing.
 *
 * <p>Deliberately an {@link RSAKey} but not an {@code RSAPrivateKey}: software RSA providers
 * then decline it and JCA's provider selection falls through to {@link MyNumberCardProvider}.
 */
public final class MyNumberCardPrivateKey implements PrivateKey, RSAKey {
    private static final long serialVersionUID = 1L;

    private final JpkiKey key;
    private final BigInteger modulus;
    private final transient CardAccess card;
    private transient char[] pin;
    private transient boolean destroyed;

    MyNumberCardPrivateKey(JpkiKey key, BigInteger modulus, CardAccess card, char[] pin) {
        this.key = key;
        this.modulus = modulus;
        this.card = card;
        this.pin = pin == null ? null : pin.clone();
    }

    /** {@code auth} or {@code sign}. */
    public String alias() {
        return key.cliName();
    }

    public JpkiKey jpkiKey() {
        return key;
    }

    @Override
    public BigInteger getModulus() {
        return modulus;
    }

    @Override
    public String getAlgorithm() {
        return "RSA";
    }

    /** Null: the key cannot be exported. */
    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    CardAccess card() {
        return card;
    }

    /** The PIN given with the key, or null; a copy. */
    synchronized char[] pin() {
        return pin == null ? null : pin.clone();
    }

    /** The card refused this key's PIN: do not try it again. */
    synchronized void forgetPin() {
        if (pin != null) {
            Arrays.fill(pin, '\0');
            pin = null;
        }
    }

    /** Forgets the PIN; the handle cannot sign afterwards. */
    @Override
    public synchronized void destroy() {
        forgetPin();
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "My Number card " + alias() + " key (RSA " + modulus.bitLength() + ")";
    }
}
