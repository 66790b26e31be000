package jp.mynacard.jlis.http;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may use the admin API: a caller on this host (loopback), or one presenting the
 * configured token as {@code Authorization: Bearer <token>}. OCSP and CRLs stay public.
 */
final class AdminAccess {
    private static final String BEARER = "Bearer ";
    private final byte[] token;

    /** @param token null or empty: loopback callers only */
    AdminAccess(String token) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(HttpExchange exchange) {
        if (exchange.getRemoteAddress().getAddress().isLoopbackAddress() || hasToken(exchange)) {
            return;
        }
        throw new HttpProblem(403, token == null
                ? "the admin API answers only on loopback (start the centre with --admin-token to allow remote callers)"
                : "the admin API needs 'Authorization: Bearer <token>' from a remote caller");
    }

    private boolean hasToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (token == null || header == null || !header.startsWith(BEARER)) {
            return false;
        }
        // constant time, so the comparison leaks nothing about the token
        return MessageDigest.isEqual(token, header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8));
    }
}
