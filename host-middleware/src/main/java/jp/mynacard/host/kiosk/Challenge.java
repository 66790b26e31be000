package jp.mynacard.host.kiosk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fresh challenge from the service, for the card to sign with its user-authentication key.
 * On the wire: {@code {"id","service","nonce"(base64),"expiresAt"(ISO instant)}}.
 *
 * @param id        names the challenge when the response comes back; single use
 * @param service   who asks: signed along, so a signature made for one service is no use at another
 * @param nonce     32 random bytes
 * @param expiresAt after this the service refuses the response
 */
public record Challenge(String id, String service, byte[] nonce, Instant expiresAt) {
    private static final String WHAT = "the challenge";
    /** Domain separation: these bytes can never be mistaken for a document the holder signs. */
    private static final String CONTEXT = "mynacard kiosk authentication v1\n";

    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(expiresAt, "expiresAt");
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** What the card signs (SHA-256, PKCS#1 v1.5): context, service, id and nonce, each unambiguous. */
    public byte[] signedBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((CONTEXT + service + "\n" + id + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(nonce);
        return out.toByteArray();
    }

    public String toJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("service", service);
        fields.put("nonce", Base64.getEncoder().encodeToString(nonce));
        fields.put("expiresAt", expiresAt.toString());
        return FlatJson.write(fields);
    }

    /** @throws MalformedMessageException naming what is wrong */
    public static Challenge fromJson(String json) {
        FlatJson fields = FlatJson.parse(json, WHAT);
        try {
            return new Challenge(fields.required("id", WHAT), fields.required("service", WHAT),
                    fields.base64("nonce", WHAT), Instant.parse(fields.required("expiresAt", WHAT)));
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(WHAT + ": 'expiresAt' is not an ISO instant");
        }
    }
}
