package jp.mynacard.kiosk;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import jp.mynacard.host.kiosk.FlatJson;
import jp.mynacard.host.kiosk.MalformedMessageException;

/**
 * Asks the centre whom a user-authentication certificate was issued to
 * ({@code GET /admin/certificates/{serial}/holder}); the municipality is an authorised caller of
 * the centre's admin API (loopback, or its bearer token). Empty when the centre has no record.
 */
public final class CentreHolderLink {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI centre;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param token the centre's admin token, or null when calling from the centre's host */
    public CentreHolderLink(URI centre, String token) {
        this.centre = centre.toString().endsWith("/") ? centre : URI.create(centre + "/");
        this.token = token == null || token.isEmpty() ? null : token;
    }

    /** @throws HolderLinkException when the centre cannot be asked or answers something else */
    public Optional<HolderAttributes> holderOf(BigInteger serial) {
        URI uri = centre.resolve("admin/certificates/" + serial.toString(16).toUpperCase(Locale.ROOT) + "/holder");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HolderLinkException("the centre at " + centre + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HolderLinkException("interrupted while asking the centre", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new HolderLinkException("the centre answered " + response.statusCode() + " to the holder query: "
                    + response.body().strip());
        }
        try {
            FlatJson fields = FlatJson.parse(response.body(), "the centre's holder record");
            String what = "the centre's holder record";
            return Optional.of(new HolderAttributes(fields.required("name", what),
                    LocalDate.parse(fields.required("birthDate", what)), fields.required("sex", what),
                    fields.required("address", what)));
        } catch (MalformedMessageException | java.time.format.DateTimeParseException e) {
            throw new HolderLinkException("the centre's holder record does not parse: " + e.getMessage(), e);
        }
    }
}
