package jp.mynacard.jlis.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * Who may use the admin API, and from where: a request naming the centre's own host and no other
 * origin ({@link OwnOrigin}), presenting the centre's token as {@code Authorization: Bearer <token>}.
 * Only a centre started with the explicit loopback option also admits loopback callers without
 * it. OCSP, CRLs and CA certificates stay public.
 */
final class AdminAccess {
    private static final String BEARER = "bearer ";
    private static final String CHALLENGE = "Bearer realm=\"mynacard-admin\"";
    private final byte[] token;
    private final boolean loopbackWithoutToken;
    private final OwnOrigin origin;

    /**
     * @param token                the bearer token (never null or empty: a centre always has one)
     * @param loopbackWithoutToken whether a caller on this host needs no token
     */
    AdminAccess(String token, boolean loopbackWithoutToken, OwnOrigin origin) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin API needs a token");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.loopbackWithoutToken = loopbackWithoutToken;
        this.origin = origin;
    }

    /** @throws HttpProblem 421 or 403 for another host or origin, 401 without the token */
    void check(CentreRequest request) {
        origin.check(request);
        if (loopbackWithoutToken && request.peer().getAddress().isLoopbackAddress()) {
            // whatever it presents: a client may carry another centre's token from a default file
            return;
        }
        String header = request.header("Authorization");
        if (header != null && presentsToken(header)) {
            return;
        }
        throw new HttpProblem(401, header == null
                ? "the admin API needs 'Authorization: Bearer <token>': the token is in the centre's DATA/admin-token"
                        + " (the jlis and perso verbs take --admin-token-file)"
                : "the admin token presented is not this centre's",
                Map.of("WWW-Authenticate", header == null ? CHALLENGE : CHALLENGE + ", error=\"invalid_token\""));
    }

    private boolean presentsToken(String header) {
        if (header.length() < BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return false;
        }
        byte[] presented = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        // constant time over the presented token: the comparison leaks nothing about the token
        return presented.length > 0 && MessageDigest.isEqual(presented, token);
    }
}
