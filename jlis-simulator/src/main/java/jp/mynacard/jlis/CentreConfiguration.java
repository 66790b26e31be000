package jp.mynacard.jlis;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import jp.mynacard.jlis.crl.CrlProfile;

/**
 * How a centre runs. Null means the embedded default: {@code jdbcUrl} null is SQLite in the data
 * directory, {@code pkcs11Config} null is a PKCS#12 key store there, {@code publicUrl} null is
 * the server's own address, {@code adminToken} null is the token the data directory keeps ({@code admin-token},
 * made at the first start), {@code crlProfile} null is {@link CrlProfile#DEFAULT}. Every admin call needs the token
 * unless {@code adminLoopbackWithoutToken} admits callers on this host without it (the in-process centre of
 * tests and the demo). {@code followInterval} (null: {@link #DEFAULT_FOLLOW_INTERVAL}) bounds how long a change
 * made through another process sharing a PostgreSQL registry takes to reach this one's answers.
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
        Clock clock,
        CrlProfile crlProfile,
        boolean adminLoopbackWithoutToken,
        Duration followInterval) {

    /** How often, at the latest, a process on a shared PostgreSQL registry applies the changes the others made. */
    public static final Duration DEFAULT_FOLLOW_INTERVAL = Duration.ofSeconds(1);

    public CentreConfiguration {
        if (crlProfile == null) {
            crlProfile = CrlProfile.DEFAULT;
        }
        if (followInterval == null) {
            followInterval = DEFAULT_FOLLOW_INTERVAL;
        }
        if (followInterval.isNegative() || followInterval.isZero()) {
            throw new IllegalArgumentException("the follow interval must be positive, not " + followInterval);
        }
    }

    /** Changes of other processes followed every {@link #DEFAULT_FOLLOW_INTERVAL}. */
    public CentreConfiguration(Path dataDir, String bindHost, int port, URI publicUrl, String jdbcUrl, String jdbcUser,
                               String jdbcPassword, Path pkcs11Config, char[] pkcs11Pin, String adminToken,
                               Duration crlInterval, Duration deltaCrlInterval, int httpThreads, Clock clock,
                               CrlProfile crlProfile, boolean adminLoopbackWithoutToken) {
        this(dataDir, bindHost, port, publicUrl, jdbcUrl, jdbcUser, jdbcPassword, pkcs11Config, pkcs11Pin, adminToken,
                crlInterval, deltaCrlInterval, httpThreads, clock, crlProfile, adminLoopbackWithoutToken, null);
    }

    /** Every admin call with the token. */
    public CentreConfiguration(Path dataDir, String bindHost, int port, URI publicUrl, String jdbcUrl, String jdbcUser,
                               String jdbcPassword, Path pkcs11Config, char[] pkcs11Pin, String adminToken,
                               Duration crlInterval, Duration deltaCrlInterval, int httpThreads, Clock clock,
                               CrlProfile crlProfile) {
        this(dataDir, bindHost, port, publicUrl, jdbcUrl, jdbcUser, jdbcPassword, pkcs11Config, pkcs11Pin, adminToken,
                crlInterval, deltaCrlInterval, httpThreads, clock, crlProfile, false);
    }

    /** With the {@link CrlProfile#DEFAULT default CRL profile}; every admin call with the token. */
    public CentreConfiguration(Path dataDir, String bindHost, int port, URI publicUrl, String jdbcUrl, String jdbcUser,
                               String jdbcPassword, Path pkcs11Config, char[] pkcs11Pin, String adminToken,
                               Duration crlInterval, Duration deltaCrlInterval, int httpThreads, Clock clock) {
        this(dataDir, bindHost, port, publicUrl, jdbcUrl, jdbcUser, jdbcPassword, pkcs11Config, pkcs11Pin, adminToken,
                crlInterval, deltaCrlInterval, httpThreads, clock, CrlProfile.DEFAULT);
    }

    /**
     * The embedded defaults on a data directory, on loopback, on a free port: what tests and the demo use.
     * Its admin API admits callers on this host without the token ({@code new CentreClient(uri, null)}).
     */
    public static CentreConfiguration embedded(Path dataDir) {
        return new CentreConfiguration(dataDir, "127.0.0.1", 0, null, null, null, null, null, null, null,
                Duration.ofHours(24), Duration.ofMinutes(15), 8, Clock.systemUTC(), CrlProfile.DEFAULT, true);
    }

    public CentreConfiguration withJdbc(String url, String user, String password) {
        return new CentreConfiguration(dataDir, bindHost, port, publicUrl, url, user, password, pkcs11Config, pkcs11Pin,
                adminToken, crlInterval, deltaCrlInterval, httpThreads, clock, crlProfile, adminLoopbackWithoutToken,
                followInterval);
    }

    /** The same centre publishing its CRLs to another profile (fixed for a data directory at its first start). */
    public CentreConfiguration withCrlProfile(CrlProfile profile) {
        return new CentreConfiguration(dataDir, bindHost, port, publicUrl, jdbcUrl, jdbcUser, jdbcPassword, pkcs11Config,
                pkcs11Pin, adminToken, crlInterval, deltaCrlInterval, httpThreads, clock, profile, adminLoopbackWithoutToken,
                followInterval);
    }

    /** The same centre with its admin API open to callers on this host without the token, or not. */
    public CentreConfiguration withAdminLoopbackWithoutToken(boolean withoutToken) {
        return new CentreConfiguration(dataDir, bindHost, port, publicUrl, jdbcUrl, jdbcUser, jdbcPassword, pkcs11Config,
                pkcs11Pin, adminToken, crlInterval, deltaCrlInterval, httpThreads, clock, crlProfile, withoutToken,
                followInterval);
    }

    /** The same centre following the changes of other processes on its PostgreSQL registry at the latest every {@code interval}. */
    public CentreConfiguration withFollowInterval(Duration interval) {
        return new CentreConfiguration(dataDir, bindHost, port, publicUrl, jdbcUrl, jdbcUser, jdbcPassword, pkcs11Config,
                pkcs11Pin, adminToken, crlInterval, deltaCrlInterval, httpThreads, clock, crlProfile,
                adminLoopbackWithoutToken, interval);
    }
}
