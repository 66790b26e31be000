package jp.mynacard.jlis.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Puts an endpoint's answer on the wire: always with its length (never chunked, which HTTP/1.0
 * clients cannot read), a file as a file region (sendfile: the bytes never enter the heap), no
 * body for a HEAD, and the {@code Connection} header saying what happens to the connection next.
 */
final class ResponseWriter {
    private ResponseWriter() {
    }

    /** Writes on the connection's event loop; the future completes when the last byte has gone to the socket. */
    static ChannelFuture write(ChannelHandlerContext ctx, CentreResponse response, HttpVersion requestVersion,
                               boolean head, boolean keepAlive) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
        if (!response.isFile() || head) {
            response.discard(); // a HEAD's file is not sent
            FullHttpResponse whole = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.bytes()));
            describe(whole.headers(), response, requestVersion, keepAlive);
            return ctx.writeAndFlush(whole);
        }
        HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        describe(start.headers(), response, requestVersion, keepAlive);
        ctx.write(start);
        ctx.write(new DefaultFileRegion(response.file(), 0, response.contentLength())); // closes the file when sent
        return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private static void describe(HttpHeaders headers, CentreResponse response, HttpVersion requestVersion,
                                 boolean keepAlive) {
        headers.set(HttpHeaderNames.DATE, HttpDate.now());
        headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        headers.set(HttpHeaderNames.CONTENT_LENGTH, response.contentLength());
        response.headers().forEach(headers::set);
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (requestVersion.equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }
}
