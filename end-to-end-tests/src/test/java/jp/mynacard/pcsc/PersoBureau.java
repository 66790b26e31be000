package jp.mynacard.pcsc;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyGenerator;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.perso.SoftHsmToken;

/**
 * A personalization bureau for the pulled-card tests: the issuer master key and an operator
 * credential (CN=operator-5) in a fresh PKCS#12 file, batches of holders, and bin/perso run as the
 * operator runs it, with its output, exit status and time.
 */
final class PersoBureau {
    static final String HEADER = "application-id,name,address,birth-date,card-expiry,municipality,my-number,security-code,sex,auth-pin,sign-pin";
    static final List<String> MY_NUMBERS = List.of("123456789018", "000000000019", "100000000013");
    static final String SIGN_PIN = "ABCDEF12";

    private final Path keystore;
    private final Path operatorCertificate;
    private final String password;

    private PersoBureau(Path keystore, Path operatorCertificate, String password) {
        this.keystore = keystore;
        this.operatorCertificate = operatorCertificate;
        this.password = password;
    }

    /** A fresh keystore (issuer.p12) and operator certificate (operator.pem) in dir. */
    static PersoBureau in(Path dir) throws Exception {
        Path keystore = dir.resolve("issuer.p12");
        Path certificate = dir.resolve("operator.pem");
        return new PersoBureau(keystore, certificate, writeKeystore(keystore, certificate));
    }

    Path keystore() {
        return keystore;
    }

    /** The keystore password, for bin/vcard's and bin/perso's environment; never printed. */
    String password() {
        return password;
    }

    /** A batch of holders, ... (at most three: one My Number each). */
    static Path writeBatch(Path file, int holders) throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < holders; i++) {
            lines.add(String.join(",", "R-" + i, "番号　花子", "東京都千代田区霞が関二丁目１番２号", "1989-03-31", "2034-03-31",
                    "131016", MY_NUMBERS.get(i), "5678", "female", "1234", SIGN_PIN));
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** bin/perso issue of the batch into the vpcd reader, its report at report (journal and audit log beside it). */
    List<String> issueCommand(Path batch, Centre centre, Path report) {
        return List.of(VcardProcess.repositoryRoot().resolve("bin/perso").toString(), "issue",
                "--batch", batch.toString(), "--centre", centre.uri().toString(), "--out", report.toString(),
                "--reader", PcscDaemon.readerName(PcscDaemon.VPCD_PORT), "--master-key", keystore.toString(),
                "--operator-alias", "operator");
    }

    /** bin/perso audit-verify of the audit log against the operator's certificate. */
    List<String> auditVerifyCommand(Path audit) {
        return List.of(VcardProcess.repositoryRoot().resolve("bin/perso").toString(), "audit-verify",
                "--audit", audit.toString(), "--certificate", operatorCertificate.toString());
    }

    /** What a bin/perso run printed (stdout and stderr), how it exited and how long it took. */
    record Run(int exit, String output, double seconds) {
        /** A JVM stack trace in the output: an operator must never see one. */
        boolean showsStackTrace() {
            return output.contains("\tat ") || output.contains("Exception in thread");
        }
    }

    /** Runs the command with the keystore password in its environment, its output in log; fails after limit. */
    Run run(List<String> command, Path log, Duration limit) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MYNACARD_MASTER_KEY_PASSWORD", password);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            String threads = threadDump(process);
            process.destroyForcibly().waitFor();
            throw new AssertionError(command.get(1) + " did not finish within " + limit.toSeconds() + " s: " + Files.readString(log)
                    + "\nits threads:\n" + threads);
        }
        return new Run(process.exitValue(), Files.readString(log), (System.nanoTime() - start) / 1e9);
    }

    /** Where a hung run waits: jstack of its JVM (bin/perso execs java, so the process is the JVM). */
    private static String threadDump(Process process) {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(process.pid())).redirectErrorStream(true).start();
            String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jstack.waitFor(10, TimeUnit.SECONDS);
            return dump;
        } catch (Exception e) {
            return "(no thread dump: " + e.getMessage() + ")";
        }
    }

    /** The report's rows, without its header. */
    static List<String[]> rows(Path report) throws Exception {
        List<String> lines = Files.readAllLines(report);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    /** Application id and outcome of each row, "R-0:failed". */
    static List<String> outcomes(List<String[]> rows) {
        return rows.stream().map(r -> r[1] + ":" + r[2]).toList();
    }

    /** The centre's state of a certificate, type "auth" or "sign", serial in hex. */
    static CertificateState status(Centre centre, String type, String serialHex) {
        return centre.administration().status(new BigInteger(serialHex, 16), Optional.of(CertificateUsage.fromShortName(type))).state();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static String writeKeystore(Path keystore, Path certificatePem) throws Exception {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password.toCharArray());
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password.toCharArray());
        store.setEntry("issuer-master", new KeyStore.SecretKeyEntry(generator.generateKey()), protection);
        KeyPairGenerator pairs = KeyPairGenerator.getInstance("EC");
        pairs.initialize(256);
        KeyPair operator = pairs.generateKeyPair();
        X509Certificate certificate = SoftHsmToken.certificate(operator, "CN=operator-5,O=Example Bureau");
        store.setKeyEntry("operator", operator.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password.toCharArray());
        }
        Files.writeString(certificatePem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return password;
    }
}
