package jp.mynacard.jlis.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.LocalDate;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /admin/certificates/{serial}/holder: whom a user-authentication certificate was issued to, kept across restarts. */
class AuthenticationHolderEndpointTest {
    private static final BasicAttributes HANAKO = new BasicAttributes("番号　花子", LocalDate.of(1989, 3, 31), Sex.FEMALE,
            "東京都千代田区霞が関二丁目１番２号");

    @TempDir
    Path dir;

    @Test
    void theCentreAnswersTheHolderOfAnAuthenticationCertificateOnly() throws Exception {
        String auth;
        String sign;
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            auth = client.issue("auth", key(), HANAKO, LocalDate.of(2034, 3, 31)).serial();
            sign = client.issue("sign", key(), HANAKO, LocalDate.of(2034, 3, 31)).serial();
        }
        try (Centre restarted = Centre.start(CentreConfiguration.embedded(dir))) {
            HttpResponse<String> holder = get(restarted.uri(), auth);
            assertEquals(200, holder.statusCode(), holder.body());
            for (String field : new String[] {"\"name\":\"番号　花子\"", "\"birthDate\":\"1989-03-31\"", "\"sex\":\"female\"",
                    "\"address\":\"東京都千代田区霞が関二丁目１番２号\"", "\"serial\":\"" + auth + "\""}) {
                assertTrue(holder.body().contains(field), field + " in " + holder.body());
            }
            HttpResponse<String> ofSignature = get(restarted.uri(), sign);
            assertEquals(404, ofSignature.statusCode(), "a signature certificate's holder is the four-attribute service's business");
            assertEquals(404, get(restarted.uri(), "ABCDEF").statusCode());
        }
    }

    private static HttpResponse<String> get(URI centre, String serial) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        centre.resolve("admin/certificates/" + serial + "/holder")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static PublicKey key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }
}
