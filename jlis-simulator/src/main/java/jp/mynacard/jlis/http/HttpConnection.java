package jp.mynacard.jlis.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client connection, on its event loop: receives a request (its body up to the endpoint's
 * limit), has the endpoint answer it on a worker, writes the answer, and only then takes the next
 * request, so pipelined requests are answered in order and a client that does not read its answers
 * stops being read. The channel does not read by itself ({@code AUTO_READ} off): it is asked for
 * more only while a request is being received. What one read brought beyond the request being
 * answered (pipelined requests) waits here, decoded, until its turn.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = System.getLogger(HttpConnection.class.getName());

    private enum State {
        /** receiving a request or waiting for one */
        READING,
        /** an endpoint is answering on a worker: nothing is read meanwhile, and the silence is not the client's */
        ANSWERING,
        /** the answer is being written */
        WRITING,
        /** the last answer is written or being written: whatever still arrives is dropped */
        CLOSING
    }

    private final Routes routes;
    private final Executor workers;
    private final ConnectionSettings settings;
    private State state = State.READING;
    /** Decoded messages that arrived while a request was being answered, in order; only when not READING. */
    private final Deque<Object> waiting = new ArrayDeque<>();

    // the request being received
    private HttpRequest head;
    private URI target;
    private Routes.Route route;
    private RequestBody body;

    HttpConnection(Routes routes, Executor workers, ConnectionSettings settings) {
        this.routes = routes;
        this.workers = workers;
        this.settings = settings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (state == State.CLOSING) {
            ReferenceCountUtil.release(message);
        } else if (state != State.READING) {
            waiting.add(message);
        } else {
            take(ctx, message);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.READING) {
            ctx.read(); // the request is not whole yet, or the next one has not come
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSING;
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    private void releaseWaiting() {
        for (Object message; (message = waiting.poll()) != null; ) {
            ReferenceCountUtil.release(message);
        }
    }

    /** Back to reading after an answer: first what already arrived, then the socket. */
    private void resume(ChannelHandlerContext ctx) {
        state = State.READING;
        for (Object message; state == State.READING && (message = waiting.poll()) != null; ) {
            take(ctx, message);
        }
        if (state == State.READING) {
            ctx.read();
        }
    }

    private void take(ChannelHandlerContext ctx, Object message) {
        try {
            receive(ctx, message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void receive(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                refuse(ctx, request.decoderResult().cause());
                return;
            }
            begin(ctx, request);
        }
        if (message instanceof HttpContent content && state == State.READING && head != null) {
            if (content.decoderResult().isFailure()) {
                refuse(ctx, content.decoderResult().cause());
                return;
            }
            body.add(content.content());
            if (body.beyondDiscardLimit()) {
                dispatch(ctx, false); // the rest of the body stays unread: the connection ends with the answer
            } else if (content instanceof LastHttpContent) {
                dispatch(ctx, HttpUtil.isKeepAlive(head));
            }
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        try {
            target = new URI(request.uri());
        } catch (URISyntaxException e) {
            refuse(ctx, 400, "malformed request target: " + e.getMessage());
            return;
        }
        head = request;
        route = routes.find(target.getPath());
        body = new RequestBody(route.bodyLimit(), HttpUtil.getContentLength(request, -1L));
        if (HttpUtil.is100ContinueExpected(request)) {
            if (body.tooLarge()) {
                dispatch(ctx, false); // answered without the body, which then never comes
            } else {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
        }
    }

    /** Hands the request to its endpoint on a worker; the event loop goes on with other connections. */
    private void dispatch(ChannelHandlerContext ctx, boolean keepAlive) {
        CentreRequest request = new CentreRequest(head.method().name(), target, head.headers(),
                (InetSocketAddress) ctx.channel().remoteAddress(), body);
        ProblemHandling endpoint = route.endpoint();
        HttpVersion version = head.protocolVersion();
        boolean headMethod = head.method().equals(HttpMethod.HEAD);
        head = null;
        target = null;
        route = null;
        body = null;
        state = State.ANSWERING;
        try {
            workers.execute(() -> answer(ctx, endpoint, request, version, headMethod, keepAlive));
        } catch (RejectedExecutionException e) {
            ctx.close(); // the server is stopping
        }
    }

    /** On a worker: the endpoint's answer, then back to the event loop to write it. */
    private void answer(ChannelHandlerContext ctx, ProblemHandling endpoint, CentreRequest request, HttpVersion version,
                        boolean headMethod, boolean keepAlive) {
        CentreResponse response;
        try {
            response = endpoint.answer(request);
        } catch (Throwable e) { // an Error: ProblemHandling answers everything else
            LOG.log(Level.ERROR, "no answer to " + request.method() + " " + request.path(), e);
            ctx.close();
            throw e;
        }
        try {
            ctx.executor().execute(() -> respond(ctx, response, version, headMethod, keepAlive));
        } catch (RejectedExecutionException e) {
            response.discard(); // the server is stopping
        }
    }

    private void respond(ChannelHandlerContext ctx, CentreResponse response, HttpVersion version, boolean headMethod,
                         boolean keepAlive) {
        state = keepAlive ? State.WRITING : State.CLOSING;
        ResponseWriter.write(ctx, response, version, headMethod, keepAlive).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() || !keepAlive) {
                state = State.CLOSING;
                ctx.close();
            } else {
                resume(ctx);
            }
        });
    }

    /** A request the codec could not read: answered, then the connection ends (what follows cannot be framed). */
    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            refuse(ctx, 414, "the request line is longer than " + settings.maxRequestLine() + " bytes"
                    + " (an OCSP request that long goes by POST)");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuse(ctx, 431, "the request's header fields are longer than " + settings.maxHeaderBytes() + " bytes");
        } else {
            refuse(ctx, 400, "malformed HTTP request: " + cause.getMessage());
        }
    }

    private void refuse(ChannelHandlerContext ctx, int status, String message) {
        head = null;
        body = null;
        state = State.CLOSING;
        releaseWaiting();
        ResponseWriter.write(ctx, CentreResponse.text(status, message), HttpVersion.HTTP_1_1, false, false)
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (state != State.ANSWERING) {
                ctx.close(); // idle between requests, stalled mid-request or not reading its answer
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) { // an I/O error is the client resetting or vanishing: nothing to say
            LOG.log(Level.WARNING, "connection from " + ctx.channel().remoteAddress() + " failed", cause);
        }
        ctx.close();
    }
}
