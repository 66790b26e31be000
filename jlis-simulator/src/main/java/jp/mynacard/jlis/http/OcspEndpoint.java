package jp.mynacard.jlis.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * OCSP over HTTP (RFC 6960 Appendix A): POST with the DER request as body, or GET with the
 * request base64- then URL-encoded after {@code /ocsp/}. Requests that cannot be an OCSP
 * request at all get a 4xx (with an OCSP malformedRequest body, for clients that read it).
 */
final class OcspEndpoint implements ProblemHandling.Endpoint {
    static final String PATH = "/ocsp";
    static final int MAX_REQUEST_BYTES = 8192;
    /** The longest GET path after {@code /ocsp/} still decoded: base64 and URL-encoding of the largest request. */
    static final int MAX_ENCODED_LENGTH = MAX_REQUEST_BYTES * 2;
    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** OCSPResponse { responseStatus malformedRequest(1) } — RFC 6960 §4.2.1. */
    static final byte[] MALFORMED_REQUEST = {0x30, 0x03, 0x0A, 0x01, 0x01};

    private final OcspService responder;

    OcspEndpoint(OcspService responder) {
        this.responder = responder;
    }

    @Override
    public CentreResponse handle(CentreRequest request) {
        String path = request.rawPath();
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            throw new HttpProblem(404, "nothing here: OCSP is at " + PATH); // routes match by prefix: /ocspx
        }
        byte[] der = switch (request.method()) {
            case "POST" -> request.body();
            case "GET" -> fromPath(path);
            default -> throw new HttpProblem(405, "OCSP takes GET or POST");
        };
        if (der == null) {
            return CentreResponse.of(400, RESPONSE_TYPE, MALFORMED_REQUEST);
        }
        byte[] response = responder.respond(der);
        int status = Arrays.equals(response, MALFORMED_REQUEST) ? 400 : 200;
        return CentreResponse.of(status, RESPONSE_TYPE, response);
    }

    /** The request of a GET, or null when the path holds no base64 at all. */
    private static byte[] fromPath(String rawPath) {
        String encoded = rawPath.length() > PATH.length() + 1 ? rawPath.substring(PATH.length() + 1) : "";
        if (encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
