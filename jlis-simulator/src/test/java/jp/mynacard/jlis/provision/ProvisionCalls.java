package jp.mynacard.jlis.provision;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import jp.mynacard.jlis.client.IssuedCertificate;

/** The provision API as a provider (with its token) or a holder calls it, over java.net.http. */
final class ProvisionCalls {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI centre;

    ProvisionCalls(URI centre) {
        this.centre = centre;
    }

    Reply registerProvider(String id, String name) {
        return post("provision/providers", null, Map.of("id", id, "name", name));
    }

    Reply consent(String token, String certificatePem, byte[] statement, String signature) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("certificate", certificatePem);
        body.put("consent", Holder.base64(statement));
        body.put("signature", signature);
        return post("provision/consents", token, body);
    }

    /** A consent the holder signs now, naming the provider and the certificate. */
    Reply consent(String token, String provider, Holder holder, IssuedCertificate issued) {
        byte[] statement = Holder.consent(provider, issued.serial(), Instant.now());
        return consent(token, issued.certificatePem(), statement, holder.sign(statement));
    }

    Reply attributes(String token, String consentId) {
        return get("provision/consents/" + consentId + "/attributes", token);
    }

    Reply withdraw(String consentId, Holder holder) {
        byte[] statement = Holder.withdrawal(consentId, Instant.now());
        return post("provision/consents/" + consentId + "/withdraw", null,
                Map.of("statement", Holder.base64(statement), "signature", holder.sign(statement)));
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Reply post(String path, String token, Map<String, String> body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(centre.resolve(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return Reply.of(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> quote(field.getKey()) + ":" + quote(field.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }
}
