package jp.mynacard.jlis.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ImmediateEventExecutor;
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
 * The centre on HTTP (Netty): OCSP at {@code /ocsp}, CRLs at {@code /crl/}, CA certificates at
 * {@code /ca/}, the admin API at {@code /admin/} and the four-attribute provision service at
 * {@code /provision/}. Event loops (one per core) parse requests and write answers; the endpoints,
 * which may wait on the database, sign or read files, run on a pool of worker threads.
 */
public final class CentreServer implements AutoCloseable {
    private static final int STOP_GRACE_SECONDS = 1;

    private final EventLoopGroup eventLoops;
    private final Channel listener;
    private final ChannelGroup connections;
    private final ExecutorService workers;

    private CentreServer(EventLoopGroup eventLoops, Channel listener, ChannelGroup connections, ExecutorService workers) {
        this.eventLoops = eventLoops;
        this.listener = listener;
        this.connections = connections;
        this.workers = workers;
    }

    /**
     * @param threads              the worker threads that run the endpoints
     * @param publicUrl            the URL written into certificates, or null: its host is one of the centre's own names
     * @param adminToken           the admin API's bearer token (required)
     * @param loopbackWithoutToken whether callers on this host may use the admin API without the token
     * @param provision            the four-attribute service, or null for a centre without it
     */
    public static CentreServer start(InetSocketAddress address, URI publicUrl, int threads, OcspService ocsp,
                                     Path crlDirectory, CentreAdministration administration, String adminToken,
                                     boolean loopbackWithoutToken, FourAttributeService provision) throws IOException {
        return start(address, publicUrl, threads, ocsp, crlDirectory, administration, adminToken, loopbackWithoutToken,
                provision, ConnectionSettings.DEFAULT);
    }

    static CentreServer start(InetSocketAddress address, URI publicUrl, int threads, OcspService ocsp,
                              Path crlDirectory, CentreAdministration administration, String adminToken,
                              boolean loopbackWithoutToken, FourAttributeService provision,
                              ConnectionSettings settings) throws IOException {
        ServerTransport transport = ServerTransport.best();
        EventLoopGroup eventLoops = transport.eventLoops();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "centre-http");
            thread.setDaemon(true);
            return thread;
        });
        ChannelGroup connections = new DefaultChannelGroup("centre-connections", ImmediateEventExecutor.INSTANCE);
        RoutesHolder routes = new RoutesHolder();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(eventLoops)
                .channel(transport.channelType())
                .option(ChannelOption.SO_REUSEADDR, true) // a restart on the same port while old connections linger
                .option(ChannelOption.AUTO_READ, false) // no connection is accepted before the routes exist
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false) // each connection reads when it is ready for more
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast(
                                new IdleStateHandler(true, 0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                new HttpServerCodec(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(settings.maxRequestLine())
                                        .setMaxHeaderSize(settings.maxHeaderBytes())),
                                new HttpConnection(routes.routes, workers, settings));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            workers.shutdownNow();
            eventLoops.shutdownGracefully(0, STOP_GRACE_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
            Throwable cause = bound.cause();
            throw cause instanceof IOException io ? io : new IOException("cannot listen on " + address + ": " + cause, cause);
        }
        Channel listener = bound.channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        AdminAccess access = new AdminAccess(adminToken, loopbackWithoutToken,
                new OwnOrigin(address.getHostString(), publicUrl, port));
        routes.routes = routes(ocsp, crlDirectory, administration, access, provision);
        listener.config().setAutoRead(true);
        return new CentreServer(eventLoops, listener, connections, workers);
    }

    private static Routes routes(OcspService ocsp, Path crlDirectory, CentreAdministration administration,
                                 AdminAccess access, FourAttributeService provision) {
        Routes routes = new Routes(new Routes.Route("/", 0, ProblemHandling.plain(request -> {
            throw new HttpProblem(404, "nothing here: see /ocsp, /crl/, /ca/, /admin/");
        })));
        routes.add(new Routes.Route(OcspEndpoint.PATH, OcspEndpoint.MAX_REQUEST_BYTES,
                ProblemHandling.plain(new OcspEndpoint(ocsp))));
        routes.add(new Routes.Route(CrlEndpoint.PATH, 0, ProblemHandling.plain(new CrlEndpoint(crlDirectory))));
        routes.add(new Routes.Route(CaCertificateEndpoint.PATH, 0,
                ProblemHandling.plain(new CaCertificateEndpoint(administration))));
        routes.add(new Routes.Route(AdminEndpoint.PATH, AdminEndpoint.MAX_BODY_BYTES,
                new ProblemHandling(new AdminEndpoint(administration, access), JsonAnswer::error)));
        if (provision != null) {
            // registering a provider is an operator's act: the admin access rule guards it
            routes.add(new Routes.Route(ProvisionEndpoint.PATH, ProvisionEndpoint.MAX_BODY_BYTES,
                    new ProblemHandling(new ProvisionEndpoint(provision, access), JsonAnswer::error)));
        }
        return routes;
    }

    /** The routes, made once the port is known (the admin API's own origin names it), before the first accept. */
    private static final class RoutesHolder {
        volatile Routes routes;
    }

    /** The address actually bound (port 0 picks a free one). */
    public URI uri() {
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        return URI.create("http://" + bound.getHostString() + ":" + bound.getPort() + "/");
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Stops accepting, gives the answers being worked on a second to finish and be written, then
     * closes every connection.
     */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        workers.shutdown();
        try {
            workers.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close().awaitUninterruptibly(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        eventLoops.shutdownGracefully(0, STOP_GRACE_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownNow();
    }
}
