package jp.mynacard.jlis.http;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Wraps an endpoint so that every failure becomes an HTTP answer and the server keeps serving:
 * an HttpProblem its status, anything unexpected a 500 (logged without the request body).
 */
final class ProblemHandling {
    private static final Logger LOG = System.getLogger(ProblemHandling.class.getName());

    interface Endpoint {
        CentreResponse handle(CentreRequest request) throws IOException;
    }

    interface ProblemWriter {
        CentreResponse write(int status, String message);
    }

    private final Endpoint endpoint;
    private final ProblemWriter writer;

    ProblemHandling(Endpoint endpoint, ProblemWriter writer) {
        this.endpoint = endpoint;
        this.writer = writer;
    }

    static ProblemHandling plain(Endpoint endpoint) {
        return new ProblemHandling(endpoint, CentreResponse::text);
    }

    /** The endpoint's answer, or the problem's; never throws. */
    CentreResponse answer(CentreRequest request) {
        try {
            return endpoint.handle(request);
        } catch (HttpProblem problem) {
            return writer.write(problem.status(), problem.getMessage()).withHeaders(problem.headers());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "internal error on " + request.method() + " " + request.path(), e);
            return writer.write(500, "internal error");
        }
    }
}
