package jp.mynacard.perso.journal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operator credential made the way a bureau makes one: the JDK's keytool, an EC P-256 key and
 * a self-signed certificate in a PKCS#12 keystore (the password through the environment).
 */
final class OperatorKeytool {
    private OperatorKeytool() {
    }

    /** Adds {@code alias} (certificate subject {@code subject}) to {@code keystore}, valid {@code days} from now+{@code start} ("0d", "2d"). */
    static void genkeypair(Path keystore, char[] password, String alias, String subject, String start, int days) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", alias, "-dname", subject,
                "-keyalg", "EC", "-groupname", "secp256r1", "-startdate", "+" + start, "-validity", String.valueOf(days),
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", "STOREPASS");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STOREPASS", String.valueOf(password));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool failed: " + output);
    }
}
