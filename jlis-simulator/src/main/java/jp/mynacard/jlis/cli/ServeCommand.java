package jp.mynacard.jlis.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.jlis.client.AdminTokenFile;
import jp.mynacard.jlis.crl.CrlProfile;
import jp.mynacard.jlis.crl.CrlSignerMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "serve", description = "Run the centre: OCSP, CRLs, CA certificates and the admin API over HTTP.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "jlis-data",
            description = "data directory: keys, embedded registry, CRLs (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "base URL written into certificates for CRLs and OCSP (default: this server's own address)")
    URI publicUrl;

    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:MYNACARD_JDBC_URL}",
            description = "registry database, e.g. jdbc:postgresql://host/db (default: SQLite in the data directory)")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "${env:MYNACARD_JDBC_USER}")
    String jdbcUser;

    @Option(names = "--pkcs11-config", paramLabel = "FILE",
            description = "keep the CA keys on a PKCS#11 token (SunPKCS11 configuration; PIN from MYNACARD_PKCS11_PIN)")
    Path pkcs11Config;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MYNACARD_ADMIN_TOKEN}",
            description = "the admin API's bearer token (env MYNACARD_ADMIN_TOKEN; default: the one kept in DIR/admin-token,"
                    + " made at the first start, readable by its owner only)")
    String adminToken;

    @Option(names = "--admin-loopback-without-token",
            description = "let callers on this host use the admin API without the token (any local process or user can"
                    + " then issue and revoke: for a machine of one's own)")
    boolean adminLoopbackWithoutToken;

    @Option(names = "--crl-interval", defaultValue = "PT24H", description = "full CRL period, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration crlInterval;

    @Option(names = "--delta-crl-interval", defaultValue = "PT15M", description = "delta CRL period (default ${DEFAULT-VALUE})")
    Duration deltaInterval;

    @Option(names = "--crl-partitions", paramLabel = "N", defaultValue = "1",
            description = "split each CA's holder CRL into N partitions, serial mod N (sign-p0.crl ...; default ${DEFAULT-VALUE}:"
                    + " one sign.crl); fixed for the data directory at its first start")
    int crlPartitions;

    @Option(names = "--crl-signer", paramLabel = "ca|separate", defaultValue = "ca",
            description = "what signs the holder CRLs: the CA key, or a separate cRLSign key the CA certifies under its name"
                    + " (/ca/sign-crl-signer.der; default ${DEFAULT-VALUE}); fixed for the data directory")
    String crlSigner;

    @Option(names = "--indirect-crl",
            description = "publish one indirect CRL of both CAs (crl/jpki-indirect.crl, issuer 'JPKI CRL Issuer') and name it,"
                    + " with its cRLIssuer, in every holder certificate; fixed for the data directory")
    boolean indirectCrl;

    @Option(names = "--threads", defaultValue = "16", description = "HTTP worker threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--follow-interval", paramLabel = "DURATION", defaultValue = "PT1S",
            description = "on a PostgreSQL registry shared with other 'serve' processes: the longest a change made through"
                    + " another reaches this one's answers, ISO-8601 (default ${DEFAULT-VALUE}; sooner when notified)")
    Duration followInterval;

    @Override
    public Integer call() throws Exception {
        CentreConfiguration configuration = new CentreConfiguration(data, bind, port, publicUrl, jdbcUrl, jdbcUser,
                System.getenv("MYNACARD_JDBC_PASSWORD"), pkcs11Config, pin(), adminToken, crlInterval, deltaInterval,
                threads, Clock.systemUTC(), crlProfile(), adminLoopbackWithoutToken, followInterval());
        CountDownLatch stop = new CountDownLatch(1);
        try (Centre centre = Centre.start(configuration)) {
            Signal.handle(new Signal("TERM"), signal -> stop.countDown());
            Signal.handle(new Signal("INT"), signal -> stop.countDown());
            describe(centre, System.out);
            stop.await();
        }
        return 0;
    }

    private CrlProfile crlProfile() {
        try {
            return new CrlProfile(crlPartitions, CrlSignerMode.fromOption(crlSigner), indirectCrl);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Duration followInterval() {
        if (followInterval.isNegative() || followInterval.isZero()) {
            throw new ParameterException(spec.commandLine(), "--follow-interval must be positive, not " + followInterval);
        }
        return followInterval;
    }

    private static char[] pin() {
        String pin = System.getenv("MYNACARD_PKCS11_PIN");
        return pin == null ? null : pin.toCharArray();
    }

    private void describe(Centre centre, PrintStream out) {
        out.println("jlis: the centre is serving on " + centre.uri());
        out.println("  OCSP          " + centre.publicationPoints().ocsp());
        PublicationPoints points = centre.publicationPoints();
        for (CertificateUsage usage : CertificateUsage.values()) {
            String partitions = points.crlPartitions() == 1 ? ""
                    : " ... " + points.crlFileName(usage, points.crlPartitions() - 1);
            out.printf("  CRL %-9s %s%s  (delta %s)%n", usage.shortName(), points.crl(usage), partitions,
                    points.deltaCrl(usage));
            out.printf("  CRL %-9s %s%n", usage.shortName() + "-ca", points.infrastructureCrl(usage));
        }
        if (points.indirectCrlIssuer() != null) {
            out.println("  CRL indirect  " + points.indirectCrl());
        }
        out.println("  CA certs      " + centre.uri().resolve("ca/") + "{sign,auth,card-data}.{pem,der}");
        // where the token is, never the token itself
        String token = adminToken == null || adminToken.isBlank()
                ? "bearer token in " + data.toAbsolutePath().resolve(AdminTokenFile.NAME) : "bearer token given";
        out.println("  admin API     " + centre.uri().resolve("admin/") + " (" + token
                + (adminLoopbackWithoutToken ? "; none needed on this host)" : ")"));
        out.println("  data          " + data.toAbsolutePath() + " (registry: " + centre.registryDescription() + ")");
        out.println("  signatures    " + centre.signaturesDescription()
                + (pkcs11Config != null ? "; the CA keys through their PKCS#11 token" : ""));
        centre.followInterval().ifPresent(interval -> {
            out.println("  changes       made through other processes on this registry: answered here within "
                    + interval.toMillis() + " ms and one query (at once when notified; else the next poll)");
            out.println("  CRL publisher " + (centre.leadsCrlPublication() ? "this process (it leads)"
                    : "another process leads; this one takes over when it stops"));
        });
        out.println("ready");
        out.flush();
    }
}
