package jp.mynacard.jlis.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.admin.CentreAdministration;
import jp.mynacard.jlis.provision.FourAttributeService;

/**
 * The centre on HTTP (the JDK's own server): OCSP at {@code /ocsp}, CRLs at {@code /crl/},
 * CA certificates at {@code /ca/}, the admin API at {@code /admin/} and the four-attribute
 * provision service at {@code /provision/}.
 */
public final class CentreServer implements AutoCloseable {
    private static final int STOP_GRACE_SECONDS = 1;
    /**
     * The JDK server sends the response headers and the body in two writes; with Nagle's algorithm
     * on, the body then waits for the client's delayed ACK of the headers: 40 ms on Linux for every
     * response on a kept-alive connection (docs/centre-benchmarks.md). The JDK reads this property
     * once, when its first server is created; an explicit setting by the operator wins.
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;

    private CentreServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * @param publicUrl            the URL written into certificates, or null: its host is one of the centre's own names
     * @param adminToken           the admin API's bearer token (required)
     * @param loopbackWithoutToken whether callers on this host may use the admin API without the token
     * @param provision            the four-attribute service, or null for a centre without it
     */
    public static CentreServer start(InetSocketAddress address, URI publicUrl, int threads, OcspService ocsp,
                                     Path crlDirectory, CentreAdministration administration, String adminToken,
                                     boolean loopbackWithoutToken, FourAttributeService provision) throws IOException {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server = HttpServer.create(address, 0);
        AdminAccess access = new AdminAccess(adminToken, loopbackWithoutToken,
                new OwnOrigin(address.getHostString(), publicUrl, server.getAddress().getPort()));
        server.createContext(OcspEndpoint.PATH, ProblemHandling.plain(new OcspEndpoint(ocsp)));
        server.createContext(CrlEndpoint.PATH, ProblemHandling.plain(new CrlEndpoint(crlDirectory)));
        server.createContext(CaCertificateEndpoint.PATH, ProblemHandling.plain(new CaCertificateEndpoint(administration)));
        server.createContext(AdminEndpoint.PATH, new ProblemHandling(
                new AdminEndpoint(administration, access), JsonAnswer::error));
        if (provision != null) {
            // registering a provider is an operator's act: the admin access rule guards it
            server.createContext(ProvisionEndpoint.PATH, new ProblemHandling(
                    new ProvisionEndpoint(provision, access), JsonAnswer::error));
        }
        server.createContext("/", ProblemHandling.plain(exchange -> {
            throw new HttpProblem(404, "nothing here: see /ocsp, /crl/, /ca/, /admin/");
        }));
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "centre-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.start();
        return new CentreServer(server, workers);
    }

    /** The address actually bound (port 0 picks a free one). */
    public URI uri() {
        InetSocketAddress bound = server.getAddress();
        return URI.create("http://" + bound.getHostString() + ":" + bound.getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(STOP_GRACE_SECONDS);
        workers.shutdown();
        try {
            workers.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
