package jp.mynacard.perso;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import jp.mynacard.sim.CardRandomness;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private SoftHSM2 token under target/softhsm for the ITs, made once per test JVM and shared:
 * SunPKCS11 loads SoftHSM2 into the JVM, which reads SOFTHSM2_CONF once (simulator-tests/pom.xml
 * sets it for failsafe; this class writes the file it names before the module is first loaded), so
 * the token cannot be remade under a loaded module. Each test class puts its own labels on it.
 * Fails, does not skip, without SoftHSM2: {@code bin/test} installs it.
 */
public final class SoftHsmToken {
    private static final List<Path> MODULES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));
    private static SoftHsmToken shared;

    private final Path home;
    private final Path config;
    private final char[] pin;

    private SoftHsmToken(Path home, Path config, char[] pin) {
        this.home = home;
        this.config = config;
        this.pin = pin;
    }

    /** The token of this JVM, initialized on first use with a random user PIN. */
    public static synchronized SoftHsmToken shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /** The SunPKCS11 configuration: every secret and private key made or imported through it is sensitive. */
    public Path config() {
        return config;
    }

    /** The user PIN (the test's own, random). */
    public char[] pin() {
        return pin.clone();
    }

    /** The directory beside the token, for a test's other files. */
    public Path home() {
        return home;
    }

    /** A provider of this JVM for the token, and its key store logged in. */
    public KeyStore login() throws Exception {
        KeyStore token = KeyStore.getInstance("PKCS11", Security.getProvider("SunPKCS11").configure(config.toString()));
        token.load(null, pin);
        return token;
    }

    public static SecretKey aesKey(Provider provider, int bits) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(bits);
        return generator.generateKey();
    }

    /** A self-signed ECDSA certificate valid from five minutes ago for 30 days. */
    public static X509Certificate certificate(KeyPair pair, String subject) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static SoftHsmToken create() throws IOException, InterruptedException {
        CardRandomness.ensureSecure();
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            fail("SOFTHSM2_CONF is not set: run this test through failsafe (simulator-tests/pom.xml sets it)");
        }
        Path module = MODULES.stream().filter(Files::isReadable).findFirst()
                .orElseThrow(() -> new AssertionError("SoftHSM2 is not installed: 'apt-get install softhsm2'; no libsofthsm2.so in " + MODULES));
        Path home = Path.of(conf).getParent();
        deleteTree(home);
        Path tokens = Files.createDirectories(home.resolve("tokens"));
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        byte[] random = new byte[9];
        new SecureRandom().nextBytes(random);
        char[] pin = HexFormat.of().formatHex(random).toCharArray();
        softHsm("--init-token", "--free", "--label", "mynacard-issuer", "--pin", String.valueOf(pin), "--so-pin", String.valueOf(pin));
        Path config = home.resolve("pkcs11.cfg");
        Files.writeString(config, "name = IssuerToken\nlibrary = " + module + "\nslotListIndex = 0\n"
                + "attributes(*, CKO_SECRET_KEY, *) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n"
                + "attributes(*, CKO_PRIVATE_KEY, *) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n");
        return new SoftHsmToken(home, config, pin);
    }

    private static void softHsm(String... arguments) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("softhsm2-util"), Stream.of(arguments)).toList();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("SoftHSM2 is not installed: 'apt-get install softhsm2'; " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            // the output names the token, never the PIN: softhsm2-util does not echo it
            fail("softhsm2-util " + arguments[0] + " failed: " + output);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
