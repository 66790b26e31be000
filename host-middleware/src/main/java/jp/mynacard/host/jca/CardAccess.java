package jp.mynacard.host.jca;

import java.io.IOException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.model.card.InvalidPinFormatException;
import jp.mynacard.model.card.MynaCardException;

/**
 * One loaded key store's way to the card: the reader, the PINs known so far and where to ask
 * for the others, and the certificates already read. Every operation is one short card
 * session (connect, select the JPKI AP, verify, act, disconnect), so the card's security state
 * never outlives the call that needed it.
 */
final class CardAccess {
    private final Supplier<CardTerminal> terminals;
    private final CallbackHandler handler;
    private final Map<JpkiKey, char[]> pins = new EnumMap<>(JpkiKey.class);
    private final Map<JpkiCertificate, X509Certificate> certificates = new EnumMap<>(JpkiCertificate.class);

    /**
     * @param knownPin a PIN given with the whole key store, or null: it goes to the key whose
     *     format it fits (the auth PIN is 4 digits, the sign PIN 6 to 16 characters)
     * @param handler where to ask for a PIN not known, or null for the JDK's
     *     {@code auth.login.defaultCallbackHandler}, if set
     */
    CardAccess(Supplier<CardTerminal> terminals, char[] knownPin, CallbackHandler handler) {
        this.terminals = terminals;
        this.handler = handler != null ? handler : defaultHandler();
        if (knownPin != null && knownPin.length > 0) {
            for (JpkiKey key : JpkiKey.values()) {
                if (fits(key, knownPin)) {
                    pins.put(key, knownPin.clone());
                }
            }
        }
    }

    static boolean fits(JpkiKey key, char[] pin) {
        try {
            key.checkPinFormat(pin);
            return true;
        } catch (InvalidPinFormatException e) {
            return false;
        }
    }

    /** Reads the certificates no PIN protects, proving there is a JPKI card in the reader. */
    synchronized void readPublicCertificates() {
        try (JpkiCard card = JpkiCard.open(terminals.get())) {
            for (JpkiCertificate which : JpkiCertificate.values()) {
                if (!which.needsSignPin()) {
                    certificates.computeIfAbsent(which, card::certificate);
                }
            }
        }
    }

    /** Holder certificate, then CA certificate; reading the sign certificate needs the sign PIN. */
    synchronized X509Certificate[] chain(JpkiKey key) {
        JpkiCertificate holder = key == JpkiKey.AUTH ? JpkiCertificate.AUTH : JpkiCertificate.SIGN;
        JpkiCertificate ca = key == JpkiKey.AUTH ? JpkiCertificate.AUTH_CA : JpkiCertificate.SIGN_CA;
        if (!certificates.containsKey(holder) || !certificates.containsKey(ca)) {
            try (JpkiCard card = JpkiCard.open(terminals.get())) {
                if (!certificates.containsKey(holder)) {
                    if (holder.needsSignPin()) {
                        verify(card, key, pin(key, null));
                    }
                    certificates.put(holder, card.certificate(holder));
                }
                certificates.computeIfAbsent(ca, card::certificate);
            }
        }
        return new X509Certificate[] {certificates.get(holder), certificates.get(ca)};
    }

    /** The chain if it has been read already, without touching the card; null otherwise. */
    synchronized X509Certificate[] cachedChain(JpkiKey key) {
        X509Certificate holder = certificates.get(key == JpkiKey.AUTH ? JpkiCertificate.AUTH : JpkiCertificate.SIGN);
        X509Certificate ca = certificates.get(key == JpkiKey.AUTH ? JpkiCertificate.AUTH_CA : JpkiCertificate.SIGN_CA);
        return holder == null || ca == null ? null : new X509Certificate[] {holder, ca};
    }

    /** Reads the sign certificate with this PIN (checking it on the card), remembering the PIN if right. */
    synchronized void unlock(JpkiKey key, char[] pin) {
        if (key == JpkiKey.SIGN && !certificates.containsKey(JpkiCertificate.SIGN)) {
            try (JpkiCard card = JpkiCard.open(terminals.get())) {
                verify(card, key, pin);
                certificates.put(JpkiCertificate.SIGN, card.certificate(JpkiCertificate.SIGN));
            }
        }
    }

    /** The card's PKCS#1 v1.5 signature over {@code digestInfo}, with the handle's PIN or one asked for. */
    synchronized byte[] sign(MyNumberCardPrivateKey handle, byte[] digestInfo) {
        JpkiKey key = handle.jpkiKey();
        char[] pin = handle.pin();
        if (pin == null) {
            pin = pin(key, null);
        }
        try (JpkiCard card = JpkiCard.open(terminals.get())) {
            try {
                verify(card, key, pin);
            } catch (MynaCardException e) {
                handle.forgetPin();
                throw e;
            }
            return card.signDigestInfo(key, digestInfo);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Verifies, forgetting a PIN the card refuses so that it is not tried again. */
    private void verify(JpkiCard card, JpkiKey key, char[] pin) {
        try {
            card.verifyPin(key, pin);
            pins.put(key, pin.clone());
        } catch (MynaCardException e) {
            forget(key);
            throw e;
        }
    }

    private void forget(JpkiKey key) {
        char[] old = pins.remove(key);
        if (old != null) {
            Arrays.fill(old, '\0');
        }
    }

    /** A copy of the known PIN, else one from the callback handler. */
    synchronized char[] pin(JpkiKey key, char[] given) {
        if (given != null && given.length > 0) {
            return given.clone();
        }
        char[] known = pins.get(key);
        if (known != null) {
            return known.clone();
        }
        if (handler == null) {
            throw new PinUnavailableException("the " + key.cliName() + " key needs its PIN: give it to KeyStore.getKey, "
                    + "or load the key store with a KeyStore.CallbackHandlerProtection");
        }
        PasswordCallback callback = new PasswordCallback(prompt(key), false);
        try {
            handler.handle(new Callback[] {callback});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new PinUnavailableException("asking for the " + key.cliName() + " PIN failed: " + e.getMessage(), e);
        }
        char[] pin = callback.getPassword();
        callback.clearPassword();
        if (pin == null || pin.length == 0) {
            throw new PinUnavailableException("no " + key.cliName() + " PIN was entered");
        }
        return pin;
    }

    static String prompt(JpkiKey key) {
        return key == JpkiKey.AUTH
                ? "My Number card user authentication PIN (key 'auth', 4 digits): "
                : "My Number card signature PIN (key 'sign', 6 to 16 characters A-Z 0-9): ";
    }

    private static CallbackHandler defaultHandler() {
        String name = Security.getProperty("auth.login.defaultCallbackHandler");
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return (CallbackHandler) Class.forName(name.trim(), true, Thread.currentThread().getContextClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new PinUnavailableException("auth.login.defaultCallbackHandler " + name + " cannot be used: " + e, e);
        }
    }

    /** No PIN to be had: none given, no callback handler, or the user gave none. */
    static final class PinUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PinUnavailableException(String message) {
            super(message);
        }

        PinUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
