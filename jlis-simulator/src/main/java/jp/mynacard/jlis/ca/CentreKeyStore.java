package jp.mynacard.jlis.ca;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jp.mynacard.model.pkcs11.Pkcs11Token;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Where the centre keeps its CA keys: a PKCS#12 file under the data directory by default
 * ({@code keys/centre.p12}, password from {@code MYNACARD_KEYSTORE_PASSWORD} or a generated
 * {@code keys/keystore.pass} readable only by its owner), or a PKCS#11 token (SoftHSM2, an
 * HSM) through the JDK's SunPKCS11 provider. Keys missing at first start are generated there;
 * the CRL signers' keys are made there when first needed ({@link #certifySigner}).
 */
public final class CentreKeyStore implements GenerationStore {
    static final String SIGNATURE_CA = "sign-ca";
    static final String AUTHENTICATION_CA = "auth-ca";
    static final String CARD_DATA_SIGNER = "card-data";
    static final String PASSWORD_VARIABLE = "MYNACARD_KEYSTORE_PASSWORD";
    private static final int GENERATED_PASSWORD_BYTES = 24;

    /** Replaced by the file's content when another process sharing the data directory rewrote it ({@link #write}). */
    private KeyStore store;
    /** The key store's password; null on a token, which the PIN opened. */
    private final char[] password;
    /** The PKCS#12 file; null on a token, where setKeyEntry is already durable. */
    private final Path file;
    /** The file's bytes as this process last read or wrote them: a difference is another process's write. */
    private byte[] fileContent;
    /** The token's provider, which alone can sign with its keys; null for software keys. */
    private final Provider provider;
    private final LinkCertificateFile links;
    private final KeyPairGenerator generator;
    private final CentreKeys keys;

    private CentreKeyStore(KeyStore store, char[] password, Path file, byte[] fileContent, Provider provider,
                           LinkCertificateFile links, KeyPairGenerator generator) throws GeneralSecurityException, IOException {
        this.store = store;
        this.password = password;
        this.file = file;
        this.fileContent = fileContent;
        this.provider = provider;
        this.links = links;
        this.generator = generator;
        this.keys = load();
    }

    /**
     * Opens (or creates at first start) {@code <dataDir>/keys/centre.p12}: every generation of
     * each CA ({@code sign-ca}, {@code sign-ca-g2}, …) and their link certificates
     * ({@code keys/sign-links.pem}).
     */
    public static CentreKeys pkcs12(Path dataDir, Clock clock) throws IOException {
        return openPkcs12(dataDir, clock).keys();
    }

    /** As {@link #pkcs12(Path, Clock)}, keeping the store open for the keys the centre makes later (CRL signers). */
    public static CentreKeyStore openPkcs12(Path dataDir, Clock clock) throws IOException {
        Path keys = dataDir.resolve("keys");
        Files.createDirectories(keys);
        Path file = keys.resolve("centre.p12");
        // processes started together on a new data directory: one makes the password and the keys, the others read them
        try (DataDirectoryLock lock = DataDirectoryLock.take(lockFile(file))) {
            char[] password = password(keys);
            KeyStore store = KeyStore.getInstance("PKCS12");
            byte[] kept = Files.exists(file) ? Files.readAllBytes(file) : null;
            if (kept != null) {
                store.load(new ByteArrayInputStream(kept), password);
            } else {
                store.load(null, password);
            }
            KeyPairGenerator generator = SigningProvider.chosen().rsaKeyPairGenerator();
            boolean created = ensure(store, password, clock, generator, null);
            if (created) {
                kept = save(store, password, file);
            }
            return new CentreKeyStore(store, password, file, kept, null, new LinkCertificateFile(keys), generator);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open the centre's key store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the CA keys on a PKCS#11 token described by a SunPKCS11 configuration file
     * ({@code name=}, {@code library=}, and {@code slot=} or {@code slotListIndex=}; SunPKCS11
     * has no way to choose a token by its label). Keys missing on the token are generated on it
     * and stay there: {@code setKeyEntry} copies the generated session key to a token object
     * (CKA_ID the alias, sensitive, never extractable) beside its self-signed certificate
     * (CKA_LABEL the alias), which is what a later start finds. Every signature is made by the
     * token. The provider is not installed JVM-wide, so a second centre in the same JVM gets its own.
     * The CA link certificates, public, are kept under {@code <dataDir>/keys/}.
     */
    public static CentreKeys pkcs11(Path configFile, char[] pin, Path dataDir, Clock clock) throws IOException {
        return openPkcs11(configFile, pin, dataDir, clock).keys();
    }

    /** As {@link #pkcs11(Path, char[], Path, Clock)}, keeping the token open for the keys the centre makes later. */
    public static CentreKeyStore openPkcs11(Path configFile, char[] pin, Path dataDir, Clock clock) throws IOException {
        if (pin == null || pin.length == 0) {
            throw new IOException("the PKCS#11 token of " + configFile + " needs its user PIN"
                    + " (bin/jlis serve reads it from the environment variable MYNACARD_PKCS11_PIN)");
        }
        Pkcs11Token token = Pkcs11Token.open(configFile, pin);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", token.provider());
            ensure(token.keys(), null, clock, generator, token.provider());
            return new CentreKeyStore(token.keys(), null, null, null, token.provider(),
                    new LinkCertificateFile(dataDir.resolve("keys")), generator);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot use the PKCS#11 token of " + configFile + ": " + Pkcs11Token.reasons(e), e);
        }
    }

    /** The two CAs and the card-data signer. */
    public CentreKeys keys() {
        return keys;
    }

    /** The signing key kept under {@code alias} with its certificate, if the store has one. */
    public synchronized Optional<CertificateAuthority> signer(String alias) throws IOException {
        try {
            if (!store.isKeyEntry(alias)) {
                return Optional.empty();
            }
            return Optional.of(restore(store, alias, password, provider));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key '" + alias + "' of the centre's key store", e);
        }
    }

    /**
     * Keeps a signing key under {@code alias} with the certificate {@code certify} issues for its
     * public key: a new RSA-2048 key made where the CA keys are (the token, or this store) if
     * the store has none under that alias, else the key it has, certified anew.
     */
    public synchronized CertificateAuthority certifySigner(String alias, Function<PublicKey, X509Certificate> certify)
            throws IOException {
        try {
            write(current -> {
                // as kept now: another process sharing the data directory may have made this key already
                PrivateKey key;
                PublicKey publicKey;
                if (current.isKeyEntry(alias)) {
                    key = (PrivateKey) current.getKey(alias, password);
                    publicKey = current.getCertificate(alias).getPublicKey();
                } else {
                    generator.initialize(CertificateAuthority.KEY_BITS, new SecureRandom());
                    KeyPair pair = generator.generateKeyPair();
                    key = pair.getPrivate();
                    publicKey = pair.getPublic();
                }
                current.setKeyEntry(alias, key, password, new Certificate[] {certify.apply(publicKey)});
            });
            // from the store again: on a token, the entry now holds the token object, not a session key
            return restore(store, alias, password, provider);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot keep the key '" + alias + "' in the centre's key store: " + e.getMessage(), e);
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

    /** @param provider the token's provider, which alone can sign with its keys; null for software keys */
    private static boolean ensure(KeyStore store, char[] password, Clock clock, KeyPairGenerator generator,
                                  Provider provider) throws GeneralSecurityException {
        boolean created = false;
        created |= ensure(store, SIGNATURE_CA, CertificateUsage.SIGNATURE.caName(), password, clock, generator, provider);
        created |= ensure(store, AUTHENTICATION_CA, CertificateUsage.USER_AUTHENTICATION.caName(), password, clock,
                generator, provider);
        created |= ensure(store, CARD_DATA_SIGNER, cardDataSignerName(), password, clock, generator, provider);
        return created;
    }

    private static boolean ensure(KeyStore store, String alias, X500Name name, char[] password, Clock clock,
                                  KeyPairGenerator generator, Provider provider) throws GeneralSecurityException {
        if (store.isKeyEntry(alias)) {
            return false;
        }
        if (store.containsAlias(alias)) {
            // a certificate without its key: generating a new key under the same name would hide the problem
            throw new KeyStoreException("the key store holds a certificate '" + alias + "' but not its private key");
        }
        CertificateAuthority authority = CertificateAuthority.create(name, clock, generator, provider);
        store.setKeyEntry(alias, authority.privateKey(), password, new Certificate[] {authority.certificate()});
        return true;
    }

    /** Every generation found under the aliases 1, 2, … up to the first missing, and the links between them. */
    private CentreKeys load() throws GeneralSecurityException, IOException {
        Map<CertificateUsage, CaGenerations> generations = new EnumMap<>(CertificateUsage.class);
        for (CertificateUsage usage : CertificateUsage.values()) {
            List<CaGeneration> found = new ArrayList<>();
            for (int number = 1; store.isKeyEntry(CaGeneration.alias(usage, number)); number++) {
                found.add(new CaGeneration(number, restore(store, CaGeneration.alias(usage, number), password, provider)));
            }
            if (found.isEmpty()) {
                throw new KeyStoreException("the key store has no key entry '" + CaGeneration.alias(usage, 1) + "'");
            }
            CaGenerations ca = new CaGenerations(usage, found, List.of());
            generations.put(usage, new CaGenerations(usage, found, links.read(usage).stream()
                    .filter(link -> linksKeptGenerations(ca, link)).toList()));
        }
        return new CentreKeys(generations, restore(store, CARD_DATA_SIGNER, password, provider), this);
    }

    /** False for a link to a key a crash kept from being stored (see {@link CentreKeys#rollover}). */
    private static boolean linksKeptGenerations(CaGenerations ca, X509Certificate link) {
        return ca.byPublicKey(link.getPublicKey()).isPresent() && ca.issuerOf(link).isPresent();
    }

    @Override
    public CertificateAuthority generate(X500Name name, Clock clock) throws IOException {
        try {
            KeyPairGenerator generator = provider == null
                    ? SigningProvider.chosen().rsaKeyPairGenerator() : KeyPairGenerator.getInstance("RSA", provider);
            return CertificateAuthority.create(name, clock, generator, provider);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot make a new CA key: " + Pkcs11Token.reasons(e), e);
        }
    }

    @Override
    public void keepLinks(CertificateUsage usage, List<X509Certificate> certificates) throws IOException {
        links.write(usage, certificates);
    }

    @Override
    public synchronized CertificateAuthority keep(String alias, CertificateAuthority authority) throws IOException {
        try {
            write(current -> {
                if (current.containsAlias(alias)) {
                    throw new KeyStoreException("the key store already holds '" + alias + "'" + (file == null ? ""
                            : " (made by another process sharing the data directory: restart this one to use it)"));
                }
                current.setKeyEntry(alias, authority.privateKey(), password, new Certificate[] {authority.certificate()});
            });
            return restore(store, alias, password, provider);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot keep the new CA key '" + alias + "': " + Pkcs11Token.reasons(e), e);
        }
    }

    @Override
    public synchronized boolean holds(String alias) throws IOException {
        try {
            return kept().containsAlias(alias);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the centre's key store " + file + ": " + e.getMessage(), e);
        }
    }

    /** A change of the key store's entries. */
    @FunctionalInterface
    private interface Change {
        void apply(KeyStore current) throws GeneralSecurityException;
    }

    /**
     * Applies {@code change} to the key store as kept now and keeps the result. Processes sharing
     * the data directory each hold the store in memory: a write over another's, from an older copy,
     * would lose the keys it added (a rollover's new generation), so the write takes the file's lock
     * and starts from what the file holds.
     */
    private void write(Change change) throws IOException, GeneralSecurityException {
        if (file == null) {
            change.apply(store);
            return;
        }
        try (DataDirectoryLock lock = DataDirectoryLock.take(lockFile(file))) {
            store = kept();
            change.apply(store);
            fileContent = save(store, password, file);
        }
    }

    /** The key store as the file holds it now: this process's copy unless another process rewrote the file. */
    private KeyStore kept() throws IOException, GeneralSecurityException {
        if (file == null) {
            return store;
        }
        byte[] now = Files.readAllBytes(file);
        if (Arrays.equals(now, fileContent)) {
            return store;
        }
        KeyStore fresh = KeyStore.getInstance("PKCS12");
        fresh.load(new ByteArrayInputStream(now), password);
        fileContent = now;
        return fresh;
    }

    private static Path lockFile(Path keyStoreFile) {
        return keyStoreFile.resolveSibling(keyStoreFile.getFileName() + ".lock");
    }

    private static CertificateAuthority restore(KeyStore store, String alias, char[] password, Provider provider)
            throws GeneralSecurityException {
        PrivateKey key = (PrivateKey) store.getKey(alias, password);
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        if (key == null || certificate == null) {
            throw new KeyStoreException("the key store has no key entry '" + alias + "' with its certificate");
        }
        return CertificateAuthority.restore(key, certificate, provider);
    }

    /** Writes beside, then renames: a crash mid-write never leaves a half key store. Answers the bytes written. */
    private static byte[] save(KeyStore store, char[] password, Path file) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        store.store(content, password);
        byte[] bytes = content.toByteArray();
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            out.write(bytes);
        }
        restrictToOwner(temporary);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return bytes;
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
