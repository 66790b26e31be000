package jp.mynacard.jlis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import jp.mynacard.jlis.admin.AdminToken;
import jp.mynacard.jlis.admin.CentreAdministration;
import jp.mynacard.jlis.ca.CaGeneration;
import jp.mynacard.jlis.ca.CentreKeyStore;
import jp.mynacard.jlis.ca.CentreKeys;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.DataDirectoryLock;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.jlis.ca.OcspResponderCertificates;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.jlis.ca.SigningProvider;
import jp.mynacard.jlis.crl.CrlCertificates;
import jp.mynacard.jlis.crl.CrlIntervals;
import jp.mynacard.jlis.crl.CrlProfile;
import jp.mynacard.jlis.crl.CrlProfileFile;
import jp.mynacard.jlis.crl.CrlPublicationLock;
import jp.mynacard.jlis.crl.CrlPublisher;
import jp.mynacard.jlis.crl.CrlSchedule;
import jp.mynacard.jlis.crl.CrlSignerMode;
import jp.mynacard.jlis.crl.CrlSigners;
import jp.mynacard.jlis.crl.IndirectCrlIssuer;
import jp.mynacard.jlis.crl.PostgresCrlPublicationLock;
import jp.mynacard.jlis.http.CentreServer;
import jp.mynacard.jlis.ocsp.OcspResponder;
import jp.mynacard.jlis.ocsp.OcspResponderSettings;
import jp.mynacard.jlis.provision.AuthenticationHolders;
import jp.mynacard.jlis.provision.FourAttributeService;
import jp.mynacard.jlis.provision.ProvisionDatabase;
import jp.mynacard.jlis.registry.ChangeFollower;
import jp.mynacard.jlis.registry.JdbcRevocationRegistry;

/**
 * The simulated J-LIS centre, assembled: keys, registry, issuing desk, CRL publication on a
 * schedule, the OCSP responder and the HTTP server. {@code bin/jlis serve} runs one; tests
 * start one in-process with {@link CentreConfiguration#embedded(Path)}. Several may share one
 * PostgreSQL registry and one data directory (docs/centre.md, "Several responders on one
 * PostgreSQL"): each follows the others' changes, and one at a time publishes the CRLs.
 */
public final class Centre implements AutoCloseable {
    /** Held while a centre starts: processes started together on a new data directory make one set of keys. */
    static final String START_LOCK = "start.lock";
    /** Held while a centre on SQLite runs: its registry is one process's. */
    static final String SQLITE_OWNER_LOCK = "sqlite-registry.lock";

    private final JdbcRevocationRegistry registry;
    private final Sharing sharing;
    private final CrlSchedule schedule;
    private final CentreServer server;
    private final PublicationPoints points;
    private final CentreAdministration administration;
    private final String registryDescription;
    private final ProvisionDatabase provisionDatabase;

    /**
     * What a centre shares with other processes on its registry: on PostgreSQL the change follower
     * and the CRL publication lock; on SQLite nothing, and the data directory's SQLite lock is held.
     */
    private record Sharing(ChangeFollower follower, CrlPublicationLock crlLock, DataDirectoryLock sqliteOwner)
            implements AutoCloseable {
        static Sharing of(JdbcRevocationRegistry registry, CentreConfiguration configuration) throws IOException {
            if (!registry.sharedBetweenProcesses()) {
                Path lock = configuration.dataDir().resolve(SQLITE_OWNER_LOCK);
                DataDirectoryLock owner = DataDirectoryLock.tryTake(lock).orElseThrow(() -> new IOException(
                        "another centre is running on the data directory " + configuration.dataDir() + " (it holds "
                                + lock + "): a SQLite registry is one process's; stop that centre, or give every process"
                                + " the same PostgreSQL registry (--jdbc-url) to run several"));
                return new Sharing(null, CrlPublicationLock.soleProcess(), owner);
            }
            CrlPublicationLock lock = new PostgresCrlPublicationLock(configuration.jdbcUrl(), configuration.jdbcUser(),
                    configuration.jdbcPassword());
            return new Sharing(registry.follow(configuration.followInterval()), lock, null);
        }

        @Override
        public void close() {
            if (follower != null) {
                follower.close();
            }
            crlLock.close();
            if (sqliteOwner != null) {
                try {
                    sqliteOwner.close();
                } catch (IOException e) {
                    // the process ends or the centre stops: the OS lets go of the lock with the file
                }
            }
        }
    }

    private Centre(JdbcRevocationRegistry registry, Sharing sharing, CrlSchedule schedule, CentreServer server,
                   PublicationPoints points, CentreAdministration administration, String registryDescription,
                   ProvisionDatabase provisionDatabase) {
        this.registry = registry;
        this.sharing = sharing;
        this.provisionDatabase = provisionDatabase;
        this.schedule = schedule;
        this.server = server;
        this.points = points;
        this.administration = administration;
        this.registryDescription = registryDescription;
    }

    public static Centre start(CentreConfiguration configuration) throws IOException {
        Files.createDirectories(configuration.dataDir());
        try (DataDirectoryLock starting = DataDirectoryLock.take(configuration.dataDir().resolve(START_LOCK))) {
            return startAlone(configuration);
        }
    }

    private static Centre startAlone(CentreConfiguration configuration) throws IOException {
        CrlProfile profile = configuration.crlProfile();
        // before anything is made: the certificates already issued name the CRLs of the recorded profile
        CrlProfileFile.hold(configuration.dataDir(), profile);
        String adminToken = adminToken(configuration);
        CentreKeyStore keyStore = configuration.pkcs11Config() == null
                ? CentreKeyStore.openPkcs12(configuration.dataDir(), configuration.clock())
                : CentreKeyStore.openPkcs11(configuration.pkcs11Config(), configuration.pkcs11Pin(),
                        configuration.dataDir(), configuration.clock());
        CentreKeys keys = keyStore.keys();
        // the URLs go into every certificate, so the port must be known before anything is issued
        int port = configuration.port() == 0 ? freePort(configuration.bindHost()) : configuration.port();
        PublicationPoints points = new PublicationPoints(configuration.publicUrl() != null
                ? configuration.publicUrl() : URI.create("http://" + configuration.bindHost() + ":" + port + "/"),
                profile.partitions(), profile.indirect() ? IndirectCrlIssuer.NAME : null);
        JdbcRevocationRegistry registry = configuration.jdbcUrl() == null
                ? JdbcRevocationRegistry.sqlite(configuration.dataDir())
                : JdbcRevocationRegistry.open(configuration.jdbcUrl(), configuration.jdbcUser(), configuration.jdbcPassword());
        String registryDescription = configuration.jdbcUrl() == null
                ? "SQLite " + configuration.dataDir().resolve("registry.db") : configuration.jdbcUrl();
        CrlSchedule schedule = null;
        ProvisionDatabase provisionDatabase = null;
        Sharing sharing = null;
        try {
            sharing = Sharing.of(registry, configuration);
            // the four-attribute service keeps its tables in the registry's database, on its own connection
            provisionDatabase = configuration.jdbcUrl() == null
                    ? ProvisionDatabase.sqlite(configuration.dataDir())
                    : ProvisionDatabase.open(configuration.jdbcUrl(), configuration.jdbcUser(), configuration.jdbcPassword());
            FourAttributeService provision = FourAttributeService.create(provisionDatabase, registry, configuration.clock());
            OcspResponder responder = new OcspResponder(registry, configuration.clock(), OcspResponderSettings.DEFAULTS);
            for (CertificateUsage usage : CertificateUsage.values()) {
                for (CaGeneration generation : keys.generations(usage).live(configuration.clock().instant())) {
                    answerFor(responder, usage, generation, configuration.clock());
                }
            }
            JpkiIssuer issuer = new JpkiIssuer(keys::generations, configuration.clock(), points,
                    (usage, certificate) -> registry.recordIssued(usage, certificate.getSerialNumber(),
                            certificate.getNotAfter().toInstant(), encoded(certificate)));
            Function<CertificateUsage, CertificateAuthority> currentAuthority = keys::authority;
            CrlSigners signers = profile.signer() == CrlSignerMode.SEPARATE
                    ? CrlSigners.separate(currentAuthority, keyStore, points, configuration.clock())
                    : CrlSigners.caKey(currentAuthority, points);
            IndirectCrlIssuer indirect = profile.indirect()
                    ? new IndirectCrlIssuer(keyStore, currentAuthority, points, configuration.clock()) : null;
            CrlPublisher publisher = new CrlPublisher(registry, signers, indirect, points,
                    configuration.dataDir().resolve("crl"),
                    new CrlIntervals(configuration.crlInterval(), configuration.deltaCrlInterval()), configuration.clock(),
                    sharing.crlLock());
            if (publisher.leads()) {
                // one that does not lead serves what the leader publishes, and takes over when it stops
                publisher.publishNow();
            }
            schedule = CrlSchedule.start(publisher);
            CentreAdministration administration = new CentreAdministration(issuer, registry, keys, () -> publish(publisher),
                    configuration.clock(), provision.replacements())
                    .recordingHolders(AuthenticationHolders.in(provisionDatabase))
                    .rollingOver(points, rollover -> answerFor(responder, rollover.usage(), rollover.generation(),
                            configuration.clock()))
                    .publishingCrlCertificates(new CrlCertificates(signers, indirect)::find);
            CentreServer server = CentreServer.start(new InetSocketAddress(configuration.bindHost(), port),
                    configuration.publicUrl(), configuration.httpThreads(), responder::respond,
                    configuration.dataDir().resolve("crl"), administration, adminToken,
                    configuration.adminLoopbackWithoutToken(), provision);
            return new Centre(registry, sharing, schedule, server, points, administration, registryDescription,
                    provisionDatabase);
        } catch (IOException | RuntimeException e) {
            if (schedule != null) {
                schedule.close();
            }
            if (sharing != null) {
                sharing.close();
            }
            if (provisionDatabase != null) {
                provisionDatabase.close();
            }
            registry.close();
            throw e;
        }
    }

    /** The token given, or the one the data directory keeps (made at its first start). */
    private static String adminToken(CentreConfiguration configuration) throws IOException {
        String given = configuration.adminToken();
        return given != null && !given.isBlank() ? given.trim() : AdminToken.ofDataDirectory(configuration.dataDir());
    }

    public URI uri() {
        return server.uri();
    }

    public PublicationPoints publicationPoints() {
        return points;
    }

    public CentreAdministration administration() {
        return administration;
    }

    public String registryDescription() {
        return registryDescription;
    }

    /** Which provider makes the signatures of software keys (OCSP responders, and the CA keys unless on a token). */
    public String signaturesDescription() {
        return SigningProvider.chosen().description();
    }

    /** How often, at the latest, the changes other processes make to a shared registry reach this one; empty when none can. */
    public Optional<Duration> followInterval() {
        return Optional.ofNullable(sharing.follower()).map(ChangeFollower::period);
    }

    /** Whether this process publishes the CRLs on schedule (always, when it is alone on its registry). */
    public boolean leadsCrlPublication() {
        return schedule.leading();
    }

    @Override
    public void close() {
        server.close();
        schedule.close();
        sharing.close();
        provisionDatabase.close();
        registry.close();
    }

    /**
     * One delegated responder per CA generation, certified by that generation's key: short-lived
     * and never revoked (ocsp-nocheck), so a fresh one at every start.
     */
    private static void answerFor(OcspResponder responder, CertificateUsage usage, CaGeneration generation,
                                  java.time.Clock clock) {
        responder.answerFor(generation.certificate(),
                OcspResponderCertificates.issue(generation.authority(), usage, clock));
    }

    private static void publish(CrlPublisher publisher) {
        try {
            publisher.publishNow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CRLs", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }
}
