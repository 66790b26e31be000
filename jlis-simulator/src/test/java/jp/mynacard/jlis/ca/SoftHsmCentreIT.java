package jp.mynacard.jlis.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.jlis.it.CentreProcess;
import jp.mynacard.model.holder.Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The centre with its CA keys on a real PKCS#11 token: a private SoftHSM2 token in a temporary
 * directory, {@code bin/jlis serve --pkcs11-config} in a child process (SOFTHSM2_CONF has to be in
 * the environment of the JVM that loads the module, which this test's JVM cannot get). The keys
 * are generated on the token at first start, sign what the centre issues, never touch the data
 * directory, and are found again by the next start; so is a generation a rollover made on the token. Fails, does not skip, without SoftHSM2:
 * {@code bin/test} installs it.
 */
class SoftHsmCentreIT {
    private static final List<Path> MODULES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));
    private static final String NOT_INSTALLED = "SoftHSM2 is not installed: 'apt-get install softhsm2'"
            + " (bin/test installs it when run as root)";
    private static final String PIN = "1234";
    private static final String SO_PIN = "5678";
    private static final String LABEL = "mynacard";
    private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");
    private static final LocalDate CARD_EXPIRY = LocalDate.of(2034, 3, 31);
    private static final List<String> CA_TYPES = List.of("sign", "auth", "card-data");

    @TempDir
    Path dir;

    /** How the SunPKCS11 configuration names the token: its slot ID as softhsm2-util reported it. */
    private String slotLine;

    @Test
    void caKeysAreMadeOnTheTokenSignThereAndAreFoundAgainAfterARestart() throws Exception {
        Path module = MODULES.stream().filter(Files::isReadable).findFirst()
                .orElseThrow(() -> new AssertionError(NOT_INSTALLED + "; no libsofthsm2.so in " + MODULES));
        Path softHsmConf = privateToken();
        Path pkcs11Config = dir.resolve("pkcs11.cfg");
        Path data = dir.resolve("data");
        KeyPair holderKey = rsaKey();

        Map<String, byte[]> firstCas;
        X509Certificate issuedBefore;
        X509Certificate rolled;
        try (CentreProcess centre = serve(data, pkcs11Config, softHsmConf, sunPkcs11Config(module, pkcs11Config))) {
            CentreClient client = centre.client();
            firstCas = caCertificates(client);
            issuedBefore = issueAndVerify(client, "sign", holderKey);
            issueAndVerify(client, "auth", holderKey);
            // the CRLs are signed by the token's key through a streaming Signature, not BouncyCastle
            crlVerifies(centre.uri(), "sign", client);
            crlVerifies(centre.uri(), "auth", client);
        }
        assertFalse(Files.exists(data.resolve("keys/centre.p12")),
                "with --pkcs11-config the keys belong on the token, yet the data directory has keys/centre.p12");
        assertFalse(Files.exists(data.resolve("keys/keystore.pass")),
                "with --pkcs11-config no key store password should be generated in the data directory");

        try (CentreProcess centre = serve(data, pkcs11Config, softHsmConf, null)) {
            CentreClient client = centre.client();
            Map<String, byte[]> secondCas = caCertificates(client);
            for (String type : CA_TYPES) {
                assertArrayEquals(firstCas.get(type), secondCas.get(type),
                        "the " + type + " CA certificate changed across a restart: the keys on the token were not found"
                                + " again (output: " + centre.output() + ")");
            }
            X509Certificate signCa = certificate(firstCas.get("sign"));
            issuedBefore.verify(signCa.getPublicKey());
            // signed after the restart with the key found on the token, verified with the first start's CA
            X509Certificate issuedAfter = issueAndVerify(client, "sign", holderKey);
            issuedAfter.verify(signCa.getPublicKey());

            // a rollover makes the next key on the token, which issues and signs the CRLs from then on
            rolled = certificate(client.rollover("sign").certificatePem().getBytes(StandardCharsets.US_ASCII));
            issueAndVerify(client, "sign", holderKey).verify(rolled.getPublicKey());
            crlVerifies(centre.uri(), "sign", client);
        }
        assertFalse(Files.exists(data.resolve("keys/centre.p12")), "a restart created keys/centre.p12");

        try (CentreProcess centre = serve(data, pkcs11Config, softHsmConf, null)) {
            CentreClient client = centre.client();
            assertArrayEquals(rolled.getEncoded(), client.authorityCertificate("sign", true),
                    "generation 2, made on the token, is still current after a restart (output: " + centre.output() + ")");
            assertArrayEquals(firstCas.get("sign"), client.authorityCertificate("sign", 1, true));
            assertArrayEquals(firstCas.get("auth"), client.authorityCertificate("auth", true));
            assertEquals(2, CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(client.linkCertificates("sign"))).size(), "the two links, kept under keys/");
            issueAndVerify(client, "sign", holderKey).verify(rolled.getPublicKey());
        }
    }

    /** A token directory and configuration of this test's own, with one initialised token. */
    private Path privateToken() throws IOException, InterruptedException {
        Path tokens = Files.createDirectories(dir.resolve("softhsm/tokens"));
        Path conf = dir.resolve("softhsm/softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                StandardCharsets.UTF_8);
        String output = run(conf, "softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", SO_PIN);
        Matcher slot = REASSIGNED.matcher(output);
        slotLine = slot.find() ? "slot = " + slot.group(1) : "slotListIndex = 0";
        return conf;
    }

    /** What an operator writes: the token chosen by its slot ID (stable: SoftHSM2 derives it from the token). */
    private String sunPkcs11Config(Path module, Path file) throws IOException {
        String config = "name = SoftHSM\nlibrary = " + module + "\n" + slotLine + "\n";
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return config;
    }

    private static String run(Path softHsmConf, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", softHsmConf.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(NOT_INSTALLED + "; cannot run " + command[0] + ": " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static Map<String, byte[]> caCertificates(CentreClient client) {
        return Map.of("sign", client.authorityCertificate("sign", true), "auth", client.authorityCertificate("auth", true),
                "card-data", client.authorityCertificate("card-data", true));
    }

    private static X509Certificate issueAndVerify(CentreClient client, String type, KeyPair holderKey) throws Exception {
        IssuedCertificate answer = client.issue(type, holderKey.getPublic(), Holder.sample().basicAttributes(), CARD_EXPIRY);
        assertNotNull(answer.certificatePem(), "no certificate in the centre's answer " + answer);
        X509Certificate issued = certificate(answer.certificatePem().getBytes(StandardCharsets.US_ASCII));
        X509Certificate ca = certificate(client.authorityCertificate(type, true));
        assertEquals(ca.getSubjectX500Principal(), issued.getIssuerX500Principal());
        issued.verify(ca.getPublicKey()); // throws SignatureException if the token's key did not sign it
        assertEquals(holderKey.getPublic(), issued.getPublicKey());
        return issued;
    }

    private static void crlVerifies(URI centre, String type, CentreClient client) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(centre.resolve("crl/" + type + ".crl")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), "GET crl/" + type + ".crl");
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
        crl.verify(certificate(client.authorityCertificate(type, true)).getPublicKey());
    }

    private static X509Certificate certificate(byte[] derOrPem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(derOrPem));
    }

    private static KeyPair rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** {@code bin/jlis serve --pkcs11-config} as an operator runs it, with the token's environment. */
    // config: the SunPKCS11 configuration written, said if the centre does not start (null: unchanged)
    private static CentreProcess serve(Path data, Path pkcs11Config, Path softHsmConf, String config)
            throws IOException, InterruptedException {
        // the registry in the data directory, whatever the caller's environment says
        Map<String, String> environment = Map.of("SOFTHSM2_CONF", softHsmConf.toString(), "MYNACARD_PKCS11_PIN", PIN,
                "MYNACARD_JDBC_URL", "", "MYNACARD_KEYSTORE_PASSWORD", "");
        return CentreProcess.start(data, environment,
                " on SoftHSM2" + (config == null ? "" : " (SunPKCS11 configuration: " + config.replace('\n', ';') + ")"),
                "--pkcs11-config", pkcs11Config.toString());
    }
}
