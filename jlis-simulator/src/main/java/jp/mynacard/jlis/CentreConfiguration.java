package jp.mynacard.jlis;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How a centre runs. Null means the embedded default: {@code jdbcUrl} null is SQLite in the data
 * directory, {@code pkcs11Config} null is a PKCS#12 key store there, {@code publicUrl} null is
 * the server's own address, {@code adminToken} null is loopback-only administration.
 */
public record CentreConfiguration(
        Path dataDir,
        String bindHost,
        int port,
        URI publicUrl,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Path pkcs11Config,
        char[] pkcs11Pin,
        String adminToken,
        Duration crlInterval,
        Duration deltaCrlInterval,
        int httpThreads,
        Clock clock) {

    /** The embedded defaults on a data directory, on loopback, on a free port: what tests and the demo use. */
    public static CentreConfiguration embedded(Path dataDir) {
        return new CentreConfiguration(dataDir, "127.0.0.1", 0, null, null, null, null, null, null, null,
                Duration.ofHours(24), Duration.ofMinutes(15), 8, Clock.systemUTC());
    }

    public CentreConfiguration withJdbc(String url, String user, String password) {
        return new CentreConfiguration(dataDir, bindHost, port, publicUrl, url, user, password, pkcs11Config, pkcs11Pin,
                adminToken, crlInterval, deltaCrlInterval, httpThreads, clock);
    }
}
