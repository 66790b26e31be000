package jp.mynacard.jlis.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Wraps an endpoint so that every failure becomes an HTTP answer and the server keeps serving:
 * an HttpProblem its status, anything unexpected a 500 (logged without the request body).
 */
final class ProblemHandling implements HttpHandler {
    private static final Logger LOG = System.getLogger(ProblemHandling.class.getName());

    interface Endpoint {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final Endpoint endpoint;
    private final ProblemWriter writer;

    interface ProblemWriter {
        void write(HttpExchange exchange, int status, String message) throws IOException;
    }

    ProblemHandling(Endpoint endpoint, ProblemWriter writer) {
        this.endpoint = endpoint;
        this.writer = writer;
    }

    static HttpHandler plain(Endpoint endpoint) {
        return new ProblemHandling(endpoint, Responses::text);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            endpoint.handle(exchange);
        } catch (HttpProblem problem) {
            answer(exchange, problem.status(), problem.getMessage());
        } catch (IOException e) {
            // the client went away mid-request: nothing to answer
            exchange.close();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "internal error on " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), e);
            answer(exchange, 500, "internal error");
        }
    }

    private void answer(HttpExchange exchange, int status, String message) {
        try {
            writer.write(exchange, status, message);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }
}
