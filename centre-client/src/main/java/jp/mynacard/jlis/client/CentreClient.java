package jp.mynacard.jlis.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mynacard.model.holder.BasicAttributes;

/**
 * Talks to a running centre's admin API (what {@code bin/jlis issue|revoke|suspend|status|ca}
 * and {@code bin/vcard --centre} use). Every failure is a {@link CentreException} with the
 * centre's own explanation.
 */
public final class CentreClient {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080/";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI centre;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param token the admin token, or null for a centre on this host */
    public CentreClient(URI centre, String token) {
        this.centre = centre.toString().endsWith("/") ? centre : URI.create(centre + "/");
        this.token = token;
    }

    /** Issues a certificate of type "auth" or "sign"; the answer has serial, type, notAfter, certificate (PEM). */
    public Map<String, String> issue(String type, PublicKey key, BasicAttributes holder, LocalDate cardExpiry) {
        return issue(type, key, holder, cardExpiry, null);
    }

    /**
     * Issues a signature certificate that replaces an earlier one of the holder (moved, changed
     * name); {@code replacesSerialHex} null is a plain issue. The answer also names "replaces".
     */
    public Map<String, String> issue(String type, PublicKey key, BasicAttributes holder, LocalDate cardExpiry,
                                     String replacesSerialHex) {
        Map<String, Object> holderFields = new LinkedHashMap<>();
        holderFields.put("name", holder.name());
        holderFields.put("birthDate", holder.birthDate().toString());
        holderFields.put("sex", holder.sex().name().toLowerCase(java.util.Locale.ROOT));
        holderFields.put("address", holder.address());
        holderFields.put("cardExpiry", cardExpiry.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("publicKey", "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        body.put("holder", holderFields);
        body.put("replaces", replacesSerialHex);
        return json(post("admin/certificates", JsonFields.write(body)));
    }

    public Map<String, String> revoke(String serialHex, String reason, String type) {
        return revoke(serialHex, reason, type, null);
    }

    /** @param invalidityDate when the key stopped being safe, ISO-8601 UTC; null if unknown */
    public Map<String, String> revoke(String serialHex, String reason, String type, String invalidityDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("type", type);
        body.put("invalidityDate", invalidityDate);
        return json(post("admin/certificates/" + serialHex + "/revoke", JsonFields.write(body)));
    }

    public Map<String, String> suspend(String serialHex, String type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        return json(post("admin/certificates/" + serialHex + "/suspend", JsonFields.write(body)));
    }

    public Map<String, String> status(String serialHex, String type) {
        return json(send(request("admin/certificates/" + serialHex + (type == null ? "" : "?type=" + type)).GET().build()));
    }

    /**
     * Every certificate the centre issued for the key whose SubjectPublicKeyInfo has this SHA-256
     * (hex): each with serial, type, state and, once suspended or revoked, reason and revokedAt.
     */
    public List<Map<String, String>> certificatesForKey(String publicKeySha256Hex) {
        if (!publicKeySha256Hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException("a public key digest is 64 hex digits (SHA-256 of the SubjectPublicKeyInfo)");
        }
        return JsonFields.parseList(send(request("admin/certificates?publicKeySha256=" + publicKeySha256Hex).GET().build()),
                "certificates");
    }

    /** The centre's card-data signer's SHA256withRSA signature over {@code data}. */
    public byte[] signCardData(byte[] data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Base64.getEncoder().encodeToString(data));
        return Base64.getDecoder().decode(json(post("admin/card-data/signatures", JsonFields.write(body))).get("signature"));
    }

    /** The centre's card-data signer's PKCS#1 v1.5 signature (NONEwithRSA) over a DigestInfo the caller built. */
    public byte[] signCardDataDigestInfo(byte[] digestInfo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("digestInfo", Base64.getEncoder().encodeToString(digestInfo));
        return Base64.getDecoder().decode(json(post("admin/card-data/digest-signatures", JsonFields.write(body))).get("signature"));
    }

    public Map<String, String> publishCrls() {
        return json(post("admin/crls", new byte[0]));
    }

    /** A CA certificate ("auth", "sign", "card-data") as PEM text or DER bytes. */
    public byte[] authorityCertificate(String type, boolean der) {
        return send(request("ca/" + type + (der ? ".der" : ".pem")).GET().build());
    }

    private byte[] post(String path, byte[] body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(centre.resolve(path)).timeout(TIMEOUT);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private byte[] send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CentreException(0, "the centre at " + centre + " is not reachable (is 'bin/jlis serve' running?)", e);
        } catch (IOException e) {
            throw new CentreException(0, "talking to the centre at " + centre + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentreException(0, "interrupted while talking to the centre", e);
        }
        if (response.statusCode() / 100 != 2) {
            String message = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).trim();
            String error = message.startsWith("{") ? JsonFields.parse(response.body()).getOrDefault("error", message) : message;
            throw new CentreException(response.statusCode(), error, null);
        }
        return response.body();
    }

    private static Map<String, String> json(byte[] body) {
        return JsonFields.parse(body);
    }
}
