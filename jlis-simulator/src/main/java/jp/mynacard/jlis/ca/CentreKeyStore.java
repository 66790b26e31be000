package jp.mynacard.jlis.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Where the centre keeps its CA keys: a PKCS#12 file under the data directory by default
 * ({@code keys/centre.p12}, password from {@code MYNACARD_KEYSTORE_PASSWORD} or a generated
 * {@code keys/keystore.pass} readable only by its owner), or a PKCS#11 token (SoftHSM2, an
 * HSM) through the JDK's SunPKCS11 provider. Keys missing at first start are generated there.
 */
public final class CentreKeyStore {
    static final String SIGNATURE_CA = "sign-ca";
    static final String AUTHENTICATION_CA = "auth-ca";
    static final String CARD_DATA_SIGNER = "card-data";
    static final String PASSWORD_VARIABLE = "MYNACARD_KEYSTORE_PASSWORD";
    private static final int GENERATED_PASSWORD_BYTES = 24;

    private CentreKeyStore() {
    }

    /** Opens (or creates at first start) {@code <dataDir>/keys/centre.p12}. */
    public static CentreKeys pkcs12(Path dataDir, Clock clock) throws IOException {
        Path keys = dataDir.resolve("keys");
        Files.createDirectories(keys);
        Path file = keys.resolve("centre.p12");
        char[] password = password(keys);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password);
                }
            } else {
                store.load(null, password);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            boolean created = ensure(store, password, clock, generator);
            if (created) {
                save(store, password, file);
            }
            return load(store, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open the centre's key store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the CA keys on a PKCS#11 token described by a SunPKCS11 configuration file
     * ({@code name=}, {@code library=}, {@code slot=} or {@code tokenLabel=}); keys missing on
     * the token are generated on it.
     */
    public static CentreKeys pkcs11(Path configFile, char[] pin, Clock clock) throws IOException {
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure(configFile.toString());
            Security.addProvider(provider);
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            ensure(store, null, clock, KeyPairGenerator.getInstance("RSA", provider));
            return load(store, null);
        } catch (GeneralSecurityException | java.security.ProviderException e) {
            throw new IOException("cannot open the PKCS#11 token of " + configFile + ": " + e.getMessage(), e);
        }
    }

    static X500Name cardDataSignerName() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, "JPKI")
                .addRDN(BCStyle.OU, "Card Data Signer")
                .addRDN(BCStyle.OU, CertificateUsage.CENTRE)
                .build();
    }

    private static boolean ensure(KeyStore store, char[] password, Clock clock, KeyPairGenerator generator)
            throws GeneralSecurityException {
        boolean created = false;
        created |= ensure(store, SIGNATURE_CA, CertificateUsage.SIGNATURE.caName(), password, clock, generator);
        created |= ensure(store, AUTHENTICATION_CA, CertificateUsage.USER_AUTHENTICATION.caName(), password, clock, generator);
        created |= ensure(store, CARD_DATA_SIGNER, cardDataSignerName(), password, clock, generator);
        return created;
    }

    private static boolean ensure(KeyStore store, String alias, X500Name name, char[] password, Clock clock,
                                  KeyPairGenerator generator) throws GeneralSecurityException {
        if (store.isKeyEntry(alias)) {
            return false;
        }
        CertificateAuthority authority = CertificateAuthority.create(name, clock, generator);
        store.setKeyEntry(alias, authority.privateKey(), password, new Certificate[] {authority.certificate()});
        return true;
    }

    private static CentreKeys load(KeyStore store, char[] password) throws GeneralSecurityException {
        return new CentreKeys(restore(store, SIGNATURE_CA, password), restore(store, AUTHENTICATION_CA, password),
                restore(store, CARD_DATA_SIGNER, password));
    }

    private static CertificateAuthority restore(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
        PrivateKey key = (PrivateKey) store.getKey(alias, password);
        return CertificateAuthority.restore(key, (X509Certificate) store.getCertificate(alias));
    }

    /** Writes beside, then renames: a crash mid-write never leaves a half key store. */
    private static void save(KeyStore store, char[] password, Path file) throws IOException, GeneralSecurityException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password);
        }
        restrictToOwner(temporary);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static char[] password(Path keys) throws IOException {
        String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Path file = keys.resolve("keystore.pass");
        if (!Files.exists(file)) {
            byte[] random = new byte[GENERATED_PASSWORD_BYTES];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random), StandardCharsets.US_ASCII);
            restrictToOwner(file);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection has to do
        }
    }
}
