package jp.mynacard.jlis.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * One HTTP request as an endpoint sees it, whole: method, target, headers, the caller's address
 * and the body received (up to the endpoint's limit). Endpoints read it on a worker thread.
 */
final class CentreRequest {
    private final String method;
    private final URI target;
    private final HttpHeaders headers;
    private final InetSocketAddress peer;
    private final RequestBody body;

    CentreRequest(String method, URI target, HttpHeaders headers, InetSocketAddress peer, RequestBody body) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.peer = peer;
        this.body = body;
    }

    String method() {
        return method;
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** The path as sent, percent-encoding kept (an OCSP GET's base64). */
    String rawPath() {
        return target.getRawPath();
    }

    /** The path decoded. */
    String path() {
        return target.getPath();
    }

    /** The query decoded, or null. */
    String query() {
        return target.getQuery();
    }

    /** The first value of a header (any case), or null. */
    String header(String name) {
        return headers.get(name);
    }

    InetSocketAddress peer() {
        return peer;
    }

    /** @throws HttpProblem 413 when the body was longer than the endpoint takes */
    byte[] body() {
        return body.bytes();
    }
}
