package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jpki/myna 0.5.1 against {@code bin/vcard --token android}: the phone's JPKI token (spec §3,
 * C15) as that reader knows a GPSE token: it checks the token label, shows the JPKI PINs only,
 * and asks for the authentication PIN before the authentication certificate.
 */
class JpkiMynaGoSmartphoneIT {
    private static final String AUTH_PIN = "1234";
    private static final String SIGN_PIN = "ABCDEF12";
    private static VcardProcess phone;
    private static JpkiMynaGo myna;

    @BeforeAll
    static void insertPhone() throws Exception {
        myna = JpkiMynaGo.released();
        phone = VcardProcess.start("--token", "android");
        assertTrue(phone.readyLine().contains("android phone's JPKI token"), phone.readyLine());
    }

    @AfterAll
    static void removePhone() throws Exception {
        if (phone != null) {
            phone.close();
            for (String line : phone.output()) {
                assertFalse(line.contains(AUTH_PIN) || line.contains(SIGN_PIN), "bin/vcard printed a PIN: " + line);
            }
        }
    }

    @Test
    void pinStatusShowsTheTwoJpkiPinsOfAGpseToken() throws Exception {
        ExternalTool.Result status = myna.run("pin", "status").requireSuccess();
        assertTrue(status.stdout().contains("JPKI認証用PIN:\tのこり 3回"), status.stdout());
        assertTrue(status.stdout().contains("JPKI署名用PIN:\tのこり 5回"), status.stdout());
        assertFalse(status.stdout().contains("券面事項"), "a phone has no card-face applications: " + status.stdout());
    }

    @Test
    void theAuthenticationCertificateComesAfterThePin() throws Exception {
        ExternalTool.Result certificate = myna.run("jpki", "cert", "auth", "-p", AUTH_PIN, "-f", "pem").requireSuccess();
        assertTrue(certificate.stdout().startsWith("-----BEGIN CERTIFICATE-----"), certificate.all());
        ExternalTool.Result signCertificate = myna.run("jpki", "cert", "sign", "-p", SIGN_PIN).requireSuccess();
        // the text form goes to standard error: myna prints it with Go's builtin println
        assertTrue(signCertificate.stderr().contains("Name: 番号　花子"), "issued to the card's holder: " + signCertificate.all());
    }
}
