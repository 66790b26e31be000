package jp.mynacard.jlis.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which endpoint answers a path: the longest prefix that matches the decoded path (as the JDK
 * server's contexts did, so {@code /ocspx} reaches the OCSP endpoint, which refuses it), and how
 * much of a body that endpoint takes, known before the body arrives.
 */
final class Routes {
    /** @param bodyLimit the most body bytes kept for the endpoint; longer bodies are a 413 when it reads them */
    record Route(String prefix, int bodyLimit, ProblemHandling endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Route fallback;

    /** @param fallback answers paths no prefix matches ({@code *}, an absolute URI without a path) */
    Routes(Route fallback) {
        this.fallback = fallback;
        add(fallback);
    }

    Routes add(Route route) {
        routes.add(route);
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        return this;
    }

    Route find(String path) {
        if (path != null) {
            for (Route route : routes) {
                if (path.startsWith(route.prefix())) {
                    return route;
                }
            }
        }
        return fallback;
    }
}
