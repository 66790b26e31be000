package jp.mynacard.host.jca;

import java.io.InputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableEntryException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;
import javax.security.auth.callback.CallbackHandler;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.model.card.MynaCardException;

/**
 * The card's two keys as a read-only key store: aliases {@code auth} and {@code sign}, each a
 * private key entry with the chain [holder certificate, CA certificate] read from the card.
 *
 * <p>PINs: {@link KeyStore#load(KeyStore.LoadStoreParameter)} takes a parameter whose
 * protection is a {@link KeyStore.CallbackHandlerProtection} (a {@code PasswordCallback} is
 * asked, its prompt naming the key, whenever a PIN is needed) or a
 * {@link KeyStore.PasswordProtection}; a password given to {@code load} or to {@code getKey}
 * goes to the key whose format it fits. {@code load(null, null)} works too: the {@code auth}
 * chain needs no PIN, and a key recovered without one asks at signing time. The {@code sign}
 * certificate is read-protected by the sign PIN, so its chain and key need that PIN.
 */
public final class MyNumberCardKeyStore extends KeyStoreSpi {
    private static final List<String> ALIASES = List.of(JpkiKey.AUTH.cliName(), JpkiKey.SIGN.cliName());

    private final Supplier<CardTerminal> terminals;
    private CardAccess card;

    MyNumberCardKeyStore(Supplier<CardTerminal> terminals) {
        this.terminals = terminals;
    }

    @Override
    public void engineLoad(InputStream stream, char[] password) {
        if (stream != null) {
            throw new IllegalArgumentException("the MyNumberCard key store is the card: load it with a null stream");
        }
        open(password, null);
    }

    @Override
    public void engineLoad(KeyStore.LoadStoreParameter param) {
        KeyStore.ProtectionParameter protection = param == null ? null : param.getProtectionParameter();
        if (protection == null) {
            open(null, null);
        } else if (protection instanceof KeyStore.PasswordProtection password) {
            open(password.getPassword(), null);
        } else if (protection instanceof KeyStore.CallbackHandlerProtection callback) {
            open(null, callback.getCallbackHandler());
        } else {
            throw new IllegalArgumentException("the MyNumberCard key store takes a PasswordProtection or a "
                    + "CallbackHandlerProtection, not " + protection.getClass().getName());
        }
    }

    private void open(char[] pin, CallbackHandler handler) {
        CardAccess access = new CardAccess(terminals, pin, handler);
        access.readPublicCertificates();
        card = access;
    }

    private static JpkiKey keyOf(String alias) {
        return alias != null && ALIASES.contains(alias) ? JpkiKey.fromCliName(alias) : null;
    }

    @Override
    public Key engineGetKey(String alias, char[] password) throws UnrecoverableKeyException {
        JpkiKey key = keyOf(alias);
        if (key == null) {
            return null;
        }
        char[] pin = password != null && password.length > 0 ? password : null;
        try {
            if (pin != null) {
                card.unlock(key, pin);
            }
            X509Certificate holder = card.chain(key)[0];
            return new MyNumberCardPrivateKey(key, ((RSAPublicKey) holder.getPublicKey()).getModulus(), card, pin);
        } catch (MynaCardException | CardAccess.PinUnavailableException e) {
            UnrecoverableKeyException failure = new UnrecoverableKeyException("cannot recover the " + alias + " key: "
                    + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public KeyStore.Entry engineGetEntry(String alias, KeyStore.ProtectionParameter protection)
            throws KeyStoreException, NoSuchAlgorithmException, UnrecoverableEntryException {
        JpkiKey key = keyOf(alias);
        if (key == null) {
            return null;
        }
        char[] pin = null;
        if (protection instanceof KeyStore.PasswordProtection password) {
            pin = password.getPassword();
        } else if (protection instanceof KeyStore.CallbackHandlerProtection callback) {
            try {
                pin = new CardAccess(terminals, null, callback.getCallbackHandler()).pin(key, null);
            } catch (CardAccess.PinUnavailableException e) {
                UnrecoverableEntryException failure = new UnrecoverableEntryException(e.getMessage());
                failure.initCause(e);
                throw failure;
            }
        } else if (protection != null) {
            throw new UnrecoverableEntryException("unsupported protection " + protection.getClass().getName());
        }
        try {
            MyNumberCardPrivateKey handle = (MyNumberCardPrivateKey) engineGetKey(alias, pin);
            return new KeyStore.PrivateKeyEntry(handle, engineGetCertificateChain(alias));
        } finally {
            if (pin != null && !(protection instanceof KeyStore.PasswordProtection)) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    @Override
    public boolean engineEntryInstanceOf(String alias, Class<? extends KeyStore.Entry> entryClass) {
        return keyOf(alias) != null && entryClass == KeyStore.PrivateKeyEntry.class;
    }

    /**
     * [holder certificate, CA certificate]; for {@code sign}, unless already read, this needs the
     * sign PIN (known, or asked through the callback handler).
     *
     * @throws java.security.ProviderException when the card or the PIN fails
     */
    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
        JpkiKey key = keyOf(alias);
        if (key == null) {
            return null;
        }
        try {
            return card.chain(key);
        } catch (MynaCardException | CardAccess.PinUnavailableException e) {
            throw new java.security.ProviderException("cannot read the " + alias + " certificate chain: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
        Certificate[] chain = engineGetCertificateChain(alias);
        return chain == null ? null : chain[0];
    }

    @Override
    public Date engineGetCreationDate(String alias) {
        JpkiKey key = keyOf(alias);
        X509Certificate[] chain = key == null ? null : card.cachedChain(key);
        return chain == null ? null : chain[0].getNotBefore();
    }

    @Override
    public Enumeration<String> engineAliases() {
        return Collections.enumeration(ALIASES);
    }

    @Override
    public boolean engineContainsAlias(String alias) {
        return keyOf(alias) != null;
    }

    @Override
    public int engineSize() {
        return ALIASES.size();
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
        return keyOf(alias) != null;
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
        return false;
    }

    /** Only among certificates already read: this never asks for a PIN. */
    @Override
    public String engineGetCertificateAlias(Certificate cert) {
        for (String alias : ALIASES) {
            X509Certificate[] chain = card.cachedChain(JpkiKey.fromCliName(alias));
            if (chain != null && chain[0].equals(cert)) {
                return alias;
            }
        }
        return null;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
        throw readOnly();
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
        throw readOnly();
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) {
        throw readOnly();
    }

    @Override
    public void engineDeleteEntry(String alias) {
        throw readOnly();
    }

    @Override
    public void engineStore(java.io.OutputStream stream, char[] password) {
        throw readOnly();
    }

    @Override
    public void engineStore(KeyStore.LoadStoreParameter param) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("the My Number card's keys and certificates cannot be changed");
    }
}
