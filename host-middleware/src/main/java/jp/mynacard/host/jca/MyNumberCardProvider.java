package jp.mynacard.host.jca;

import java.security.Provider;
import java.security.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.reader.PcscReaders;

/**
 * A JCA provider for the JPKI AP of a My Number card: {@code KeyStore.getInstance("MyNumberCard")}
 * lists the {@code auth} and {@code sign} keys with their certificate chains, and
 * {@code Signature.getInstance("SHA256withRSA")} (also SHA384/SHA512, and NONEwithRSA over a
 * DER DigestInfo) on those keys signs on the card. Any library that signs through JCA can then
 * use the card unchanged.
 *
 * <p>The signatures accept only the card's key handles ({@link MyNumberCardPrivateKey}) and
 * say so with the {@code SupportedKeyClasses} attribute, so with delayed provider selection
 * {@code Signature.getInstance("SHA256withRSA")} picks this provider for a card key even when it
 * is installed last, and software keys keep going to the software providers. Verification is
 * left to those too.
 */
public final class MyNumberCardProvider extends Provider {
    private static final long serialVersionUID = 1L;
    public static final String NAME = "MyNumberCard";
    /** The key store type. */
    public static final String KEY_STORE_TYPE = "MyNumberCard";

    private final transient Supplier<CardTerminal> terminals;

    /** The provider on the PC/SC reader that holds the only inserted card, chosen when the key store loads. */
    public MyNumberCardProvider() {
        this(() -> PcscReaders.choose(null));
    }

    /** The provider on the reader {@code terminals} hands out (asked at each key store load). */
    public MyNumberCardProvider(Supplier<CardTerminal> terminals) {
        super(NAME, "1.0", "My Number card (JPKI) keys and on-card RSA signatures");
        this.terminals = Objects.requireNonNull(terminals, "terminals");
        putService(new CardService(this, "KeyStore", KEY_STORE_TYPE, MyNumberCardKeyStore.class.getName(),
                List.of(), Map.of(), null));
        Map<String, String> keyClasses = Map.of("SupportedKeyClasses", MyNumberCardPrivateKey.class.getName());
        for (DigestAlgorithm alg : DigestAlgorithm.values()) {
            String oid = switch (alg) {
                case SHA256 -> "1.2.840.113549.1.1.11";
                case SHA384 -> "1.2.840.113549.1.1.12";
                case SHA512 -> "1.2.840.113549.1.1.13";
            };
            putService(new CardService(this, "Signature", alg.jcaSignatureName(), MyNumberCardSignature.class.getName(),
                    List.of(oid, "OID." + oid), keyClasses, alg));
        }
        putService(new CardService(this, "Signature", "NONEwithRSA", MyNumberCardSignature.class.getName(),
                List.of(), keyClasses, null));
    }

    Supplier<CardTerminal> terminals() {
        return terminals;
    }

    /** Builds the SPIs with what they need from this provider instead of by reflection. */
    private static final class CardService extends Service {
        private final DigestAlgorithm digest;

        CardService(MyNumberCardProvider provider, String type, String algorithm, String className,
                List<String> aliases, Map<String, String> attributes, DigestAlgorithm digest) {
            super(provider, type, algorithm, className, aliases, attributes);
            this.digest = digest;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return switch (getType()) {
                case "KeyStore" -> new MyNumberCardKeyStore(((MyNumberCardProvider) getProvider()).terminals());
                case "Signature" -> new MyNumberCardSignature(digest);
                default -> throw new ProviderException("no " + getType() + " in " + NAME);
            };
        }
    }
}
