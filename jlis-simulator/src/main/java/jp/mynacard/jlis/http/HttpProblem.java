package jp.mynacard.jlis.http;

import java.util.Map;

/** A request the centre refuses, with the HTTP status, a message for the caller and any header the refusal needs. */
final class HttpProblem extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    HttpProblem(int status, String message) {
        this(status, message, Map.of());
    }

    /** @param headers sent with the refusal, as a 401's {@code WWW-Authenticate} */
    HttpProblem(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
