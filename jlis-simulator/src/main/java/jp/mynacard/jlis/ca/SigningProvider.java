package jp.mynacard.jlis.ca;

import java.lang.reflect.InvocationTargetException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Locale;

/**
 * The JCA provider that makes the centre's RSA signatures and keys when they are software keys
 * (PKCS#12 CA keys, the OCSP responders' keys): the Amazon Corretto Crypto Provider (AWS-LC
 * underneath) when the platform has it, about 3-4x faster at RSA-2048 signing than the JDK's
 * SunRsaSign, which is the fallback. A key on a PKCS#11 token is always used through the
 * token's own provider ({@link CertificateAuthority}), never this one.
 *
 * <p>Chosen once per process: ACCP's jar is on the class path for linux-x86_64 only, and its
 * native library may still fail to load (another libc, a hardened /tmp); then the JDK signs and
 * {@link #description()} says why. {@code MYNACARD_SIGNATURES=jdk} (or the system property
 * {@code mynacard.signatures=jdk}) keeps the JDK's provider, for comparison or by policy.
 */
public final class SigningProvider {
    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final String SETTING = "mynacard.signatures";
    private static final String SETTING_ENV = "MYNACARD_SIGNATURES";
    private static final SigningProvider CHOSEN = choose(setting());

    /** Null: the JCA's own choice, which for RSA is the JDK's SunRsaSign. */
    private final Provider provider;
    private final String description;

    private SigningProvider(Provider provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /** The provider this process signs with. */
    public static SigningProvider chosen() {
        return CHOSEN;
    }

    /** The provider for software keys, or null for the JCA's default (the JDK). */
    public Provider provider() {
        return provider;
    }

    /** For the startup line: which provider signs, and why not ACCP when it is not. */
    public String description() {
        return description;
    }

    public Signature signature(String algorithm) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
    }

    public KeyPairGenerator rsaKeyPairGenerator() throws GeneralSecurityException {
        return provider == null ? KeyPairGenerator.getInstance("RSA") : KeyPairGenerator.getInstance("RSA", provider);
    }

    /**
     * The key as this provider holds it natively, made once: otherwise the provider converts a
     * JDK key at every initSign (about 5% of an issuance). The JDK's own keys are returned as they are.
     */
    public PrivateKey prepared(PrivateKey key) {
        if (provider == null) {
            return key;
        }
        try {
            return (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException e) {
            return key; // signing then converts it each time, as before
        }
    }

    private static String setting() {
        String property = System.getProperty(SETTING);
        return property != null ? property : System.getenv(SETTING_ENV);
    }

    static SigningProvider choose(String setting) {
        String jdk = "the JDK's " + jdkRsaProviderName();
        if (setting != null && setting.trim().toLowerCase(Locale.ROOT).equals("jdk")) {
            return new SigningProvider(null, jdk + " (" + SETTING_ENV + "=jdk)");
        }
        if (setting != null && !setting.isBlank() && !setting.trim().equalsIgnoreCase("auto")) {
            throw new IllegalArgumentException(SETTING_ENV + " is 'auto' or 'jdk', not '" + setting + "'");
        }
        try {
            Provider accp = (Provider) Class.forName(ACCP_CLASS).getField("INSTANCE").get(null);
            Throwable loading = (Throwable) accp.getClass().getMethod("getLoadingError").invoke(accp);
            if (loading != null) {
                return new SigningProvider(null, jdk + " (Amazon Corretto Crypto Provider did not load: "
                        + loading.getMessage() + ")");
            }
            // runs the provider's self-tests; a provider that fails them must not sign anything
            accp.getClass().getMethod("assertHealthy").invoke(accp);
            String awsLc = (String) accp.getClass().getMethod("getAwsLcVersionStr").invoke(accp);
            return new SigningProvider(accp, "Amazon Corretto Crypto Provider " + accp.getVersionStr()
                    + " (" + awsLc + ")");
        } catch (ClassNotFoundException e) {
            return new SigningProvider(null, jdk + " (Amazon Corretto Crypto Provider not on the class path)");
        } catch (InvocationTargetException e) {
            return new SigningProvider(null, jdk + " (Amazon Corretto Crypto Provider unhealthy: "
                    + e.getCause().getMessage() + ")");
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return new SigningProvider(null, jdk + " (Amazon Corretto Crypto Provider unusable: " + e + ")");
        }
    }

    private static String jdkRsaProviderName() {
        try {
            return Signature.getInstance(CertificateAuthority.SIGNATURE_ALGORITHM).getProvider().getName();
        } catch (GeneralSecurityException e) {
            return "provider";
        }
    }
}
