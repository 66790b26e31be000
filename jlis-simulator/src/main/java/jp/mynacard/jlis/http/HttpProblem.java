package jp.mynacard.jlis.http;

/** A request the centre refuses, with the HTTP status and a message for the caller. */
final class HttpProblem extends RuntimeException {
    private final int status;

    HttpProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
