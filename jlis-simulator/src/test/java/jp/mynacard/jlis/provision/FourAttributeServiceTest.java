package jp.mynacard.jlis.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four-attribute service end to end, on an in-process centre, with generated keys standing in for cards. */
class FourAttributeServiceTest {
    private static final LocalDate CARD_EXPIRY = LocalDate.now().plusYears(8);
    private static final BasicAttributes IN_TOKYO = new BasicAttributes("山田 花子", LocalDate.of(1985, 4, 1), Sex.FEMALE,
            "東京都千代田区霞が関二丁目1番2号");
    private static final BasicAttributes IN_OSAKA = new BasicAttributes("山田 花子", LocalDate.of(1985, 4, 1), Sex.FEMALE,
            "大阪府大阪市中央区大手前二丁目1番22号");
    private static final BasicAttributes MARRIED = new BasicAttributes("佐藤 花子", LocalDate.of(1985, 4, 1), Sex.FEMALE,
            "大阪府大阪市中央区大手前二丁目1番22号");

    @TempDir
    Path data;
    private Centre centre;
    private CentreClient admin;
    private ProvisionCalls provision;

    @BeforeEach
    void start() throws IOException {
        startCentre();
    }

    @AfterEach
    void stop() {
        centre.close();
    }

    private void startCentre() throws IOException {
        centre = Centre.start(CentreConfiguration.embedded(data));
        admin = new CentreClient(centre.uri(), null);
        provision = new ProvisionCalls(centre.uri());
    }

    private IssuedCertificate issueSign(Holder holder, BasicAttributes attributes, String replaces) {
        return admin.issue("sign", holder.key.getPublic(), attributes, CARD_EXPIRY, replaces);
    }

    private String register(String id) {
        Reply registered = provision.registerProvider(id, id + " bank");
        assertEquals(201, registered.status(), registered.toString());
        return registered.get("token");
    }

    @Test
    void theHolderMovesAndTheProviderLearnsTheNewAddressUntilConsentIsWithdrawn() throws IOException {
        Holder oldCard = Holder.withNewKey();
        IssuedCertificate a = issueSign(oldCard, IN_TOKYO, null);
        String bank = register("bank-a");

        Reply consented = provision.consent(bank, "bank-a", oldCard, a);
        assertEquals(201, consented.status(), consented.toString());
        String consent = consented.get("consent");
        assertEquals(a.serial(), consented.get("certificateSerial"));
        Reply again = provision.consent(bank, "bank-a", oldCard, a);
        assertEquals(200, again.status(), "a second consent on the same certificate is the first one");
        assertEquals(consent, again.get("consent"));

        Reply unchanged = provision.attributes(bank, consent);
        assertEquals(200, unchanged.status(), unchanged.toString());
        assertEquals("false", unchanged.get("changed"));
        assertEquals(IN_TOKYO.address(), unchanged.get("address"));
        assertEquals(IN_TOKYO.name(), unchanged.get("name"));
        assertEquals("1985-04-01", unchanged.get("birthDate"));
        assertEquals("female", unchanged.get("sex"));
        assertEquals(a.serial(), unchanged.get("certificateSerial"));

        // the holder moves to Osaka: a new card key, a new certificate naming the old, the old one revoked
        Holder newCard = Holder.withNewKey();
        IssuedCertificate b = issueSign(newCard, IN_OSAKA, a.serial());
        assertEquals(a.serial(), b.replaces());
        assertEquals("false", provision.attributes(bank, consent).get("changed"), "A is still good until it is revoked");
        admin.revoke(a.serial(), "affiliationChanged", "sign");

        Reply changed = provision.attributes(bank, consent);
        assertEquals(200, changed.status(), changed.toString());
        assertEquals("true", changed.get("changed"));
        assertEquals(IN_OSAKA.address(), changed.get("address"));
        assertEquals(IN_OSAKA.name(), changed.get("name"));
        assertEquals(b.serial(), changed.get("certificateSerial"));

        // providers, consents and links are durable: the same answer after a restart on the same data
        centre.close();
        startCentre();
        Reply afterRestart = provision.attributes(bank, consent);
        assertEquals(200, afterRestart.status(), afterRestart.toString());
        assertEquals(IN_OSAKA.address(), afterRestart.get("address"));
        assertEquals(b.serial(), afterRestart.get("certificateSerial"));

        Reply withdrawn = provision.withdraw(consent, newCard);
        assertEquals(200, withdrawn.status(), withdrawn.toString());
        assertEquals("withdrawn", withdrawn.get("state"));
        assertEquals(403, provision.attributes(bank, consent).status());
        centre.close();
        startCentre();
        assertEquals(403, provision.attributes(bank, consent).status(), "withdrawal survives a restart");
    }

    @Test
    void followsSeveralMovesToTheNewestCertificate() {
        Holder first = Holder.withNewKey();
        IssuedCertificate a = issueSign(first, IN_TOKYO, null);
        String bank = register("bank-a");
        String consent = provision.consent(bank, "bank-a", first, a).get("consent");
        IssuedCertificate b = issueSign(Holder.withNewKey(), IN_OSAKA, a.serial());
        admin.revoke(a.serial(), "affiliationChanged", "sign");
        IssuedCertificate c = issueSign(Holder.withNewKey(), MARRIED, b.serial());
        admin.revoke(b.serial(), "affiliationChanged", "sign");

        Reply current = provision.attributes(bank, consent);
        assertEquals("true", current.get("changed"));
        assertEquals(MARRIED.name(), current.get("name"));
        assertEquals(c.serial(), current.get("certificateSerial"));
    }

    @Test
    void attributesAreGoneAfterALostCardDeathOrSuspension() {
        String bank = register("bank-a");
        Holder lost = Holder.withNewKey();
        IssuedCertificate a = issueSign(lost, IN_TOKYO, null);
        String lostConsent = provision.consent(bank, "bank-a", lost, a).get("consent");
        admin.revoke(a.serial(), "keyCompromise", "sign");
        Reply gone = provision.attributes(bank, lostConsent);
        assertEquals(410, gone.status(), gone.toString());
        assertEquals("keyCompromise", gone.get("reason"));

        Holder suspended = Holder.withNewKey();
        IssuedCertificate s = issueSign(suspended, IN_TOKYO, null);
        String suspendedConsent = provision.consent(bank, "bank-a", suspended, s).get("consent");
        admin.suspend(s.serial(), "sign");
        assertEquals("certificateHold", provision.attributes(bank, suspendedConsent).get("reason"));

        // moved, but the new certificate was revoked as the card was lost: the chain ends there
        Holder moved = Holder.withNewKey();
        IssuedCertificate m = issueSign(moved, IN_TOKYO, null);
        String movedConsent = provision.consent(bank, "bank-a", moved, m).get("consent");
        admin.revoke(m.serial(), "affiliationChanged", "sign");
        Reply noReplacement = provision.attributes(bank, movedConsent);
        assertEquals(410, noReplacement.status(), "moved, but no new signature certificate yet");
        IssuedCertificate n = issueSign(Holder.withNewKey(), IN_OSAKA, m.serial());
        admin.revoke(n.serial(), "cessationOfOperation", "sign");
        Reply died = provision.attributes(bank, movedConsent);
        assertEquals(410, died.status(), died.toString());
        assertEquals("cessationOfOperation", died.get("reason"));
    }

    @Test
    void refusesConsentsThatAreNotTheHoldersValidConsent() {
        Holder holder = Holder.withNewKey();
        IssuedCertificate a = issueSign(holder, IN_TOKYO, null);
        String bank = register("bank-a");
        register("bank-b");
        String pem = a.certificatePem();
        String serial = a.serial();

        byte[] statement = Holder.consent("bank-a", serial, Instant.now());
        Reply forged = provision.consent(bank, pem, statement, Holder.withNewKey().sign(statement));
        assertEquals(422, forged.status(), forged.toString());
        assertTrue(forged.get("error").contains("signature does not verify"), forged.toString());

        byte[] forOtherBank = Holder.consent("bank-b", serial, Instant.now());
        Reply wrongProvider = provision.consent(bank, pem, forOtherBank, holder.sign(forOtherBank));
        assertEquals(422, wrongProvider.status(), wrongProvider.toString());
        assertTrue(wrongProvider.get("error").contains("bank-b"), wrongProvider.toString());

        byte[] stale = Holder.consent("bank-a", serial, Instant.now().minus(Duration.ofHours(1)));
        assertEquals(422, provision.consent(bank, pem, stale, holder.sign(stale)).status());

        byte[] otherCertificate = Holder.consent("bank-a", "1234ABCD", Instant.now());
        assertEquals(422, provision.consent(bank, pem, otherCertificate, holder.sign(otherCertificate)).status());

        byte[] notCanonical = (new String(statement, java.nio.charset.StandardCharsets.UTF_8) + "\n").getBytes();
        assertEquals(400, provision.consent(bank, pem, notCanonical, holder.sign(notCanonical)).status());

        assertEquals(401, provision.consent("not-a-token", "bank-a", holder, a).status());
        assertEquals(401, provision.consent(null, "bank-a", holder, a).status());

        Holder revokedHolder = Holder.withNewKey();
        IssuedCertificate revoked = issueSign(revokedHolder, IN_TOKYO, null);
        admin.revoke(revoked.serial(), "keyCompromise", "sign");
        Reply late = provision.consent(bank, "bank-a", revokedHolder, revoked);
        assertEquals(409, late.status(), late.toString());
        assertTrue(late.get("error").contains("revoked"), late.toString());

        Reply auth = provision.consent(bank, "bank-a", holder,
                admin.issue("auth", holder.key.getPublic(), IN_TOKYO, CARD_EXPIRY));
        assertEquals(422, auth.status(), "an authentication certificate carries no attributes: " + auth);

        // a well-formed signature certificate from another CA (same profile, not issued here)
        Holder stranger = Holder.withNewKey();
        String foreign = pem(jp.mynacard.jlis.ca.JpkiIssuer.withNewAuthorities(java.time.Clock.systemUTC())
                .issue(jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE, IN_TOKYO, CARD_EXPIRY, stranger.key.getPublic()));
        String foreignSerial = serialOf(foreign);
        byte[] foreignStatement = Holder.consent("bank-a", foreignSerial, Instant.now());
        Reply notOurs = provision.consent(bank, foreign, foreignStatement, stranger.sign(foreignStatement));
        assertEquals(422, notOurs.status(), notOurs.toString());
        assertTrue(notOurs.get("error").contains("not a signature certificate issued by this centre"), notOurs.toString());
    }

    @Test
    void anotherProvidersConsentIsNotFound() {
        Holder holder = Holder.withNewKey();
        IssuedCertificate a = issueSign(holder, IN_TOKYO, null);
        String bankA = register("bank-a");
        String bankB = register("bank-b");
        String consent = provision.consent(bankA, "bank-a", holder, a).get("consent");

        Reply foreign = provision.attributes(bankB, consent);
        Reply missing = provision.attributes(bankB, "0123456789abcdef0123456789abcdef");
        assertEquals(404, foreign.status());
        assertEquals(404, missing.status());
        assertEquals(404, provision.get("provision/consents/" + consent, bankB).status());
        assertEquals(200, provision.get("provision/consents/" + consent, bankA).status());
        assertEquals(401, provision.attributes(null, consent).status());
        assertEquals(409, provision.registerProvider("bank-a", "again").status(), "a provider id is registered once");
        assertNotEquals(bankA, bankB);
    }

    @Test
    void onlyTheHoldersKeysWithdrawAndAnOldStatementCannotUndoIt() throws InterruptedException {
        Holder holder = Holder.withNewKey();
        IssuedCertificate a = issueSign(holder, IN_TOKYO, null);
        String bank = register("bank-a");
        byte[] statement = Holder.consent("bank-a", a.serial(), Instant.now());
        String signature = holder.sign(statement);
        String consent = provision.consent(bank, a.certificatePem(), statement, signature).get("consent");

        Reply stranger = provision.withdraw(consent, Holder.withNewKey());
        assertEquals(422, stranger.status(), stranger.toString());
        assertEquals(200, provision.attributes(bank, consent).status(), "a stranger's withdrawal changes nothing");

        byte[] otherConsent = Holder.withdrawal("0123456789abcdef0123456789abcdef", Instant.now());
        Reply mismatch = provision.post("provision/consents/" + consent + "/withdraw", null,
                Map.of("statement", Holder.base64(otherConsent), "signature", holder.sign(otherConsent)));
        assertEquals(422, mismatch.status(), mismatch.toString());

        assertEquals(200, provision.withdraw(consent, holder).status(), "the consented certificate's own key withdraws");
        assertEquals(403, provision.attributes(bank, consent).status());

        Reply replayed = provision.consent(bank, a.certificatePem(), statement, signature);
        assertEquals(422, replayed.status(), "the statement from before the withdrawal is spent: " + replayed);
        Thread.sleep(5);
        Reply renewed = provision.consent(bank, "bank-a", holder, a);
        assertEquals(201, renewed.status(), renewed.toString());
        assertNotEquals(consent, renewed.get("consent"), "a new consent, the withdrawn one stays withdrawn");
        assertEquals(403, provision.attributes(bank, consent).status());
        assertEquals(200, provision.attributes(bank, renewed.get("consent")).status());
    }

    @Test
    void replacesMustNameAnUnreplacedSignatureCertificate() {
        Holder holder = Holder.withNewKey();
        IssuedCertificate a = issueSign(holder, IN_TOKYO, null);
        IssuedCertificate auth = admin.issue("auth", holder.key.getPublic(), IN_TOKYO, CARD_EXPIRY);

        assertStatus(400, () -> issueSign(Holder.withNewKey(), IN_OSAKA, auth.serial()));
        assertStatus(400, () -> issueSign(Holder.withNewKey(), IN_OSAKA, "1234ABCD"));
        assertStatus(400, () -> admin.issue("auth", holder.key.getPublic(), IN_OSAKA, CARD_EXPIRY, a.serial()));
        assertNotNull(issueSign(Holder.withNewKey(), IN_OSAKA, a.serial()).serial());
        assertStatus(409, () -> issueSign(Holder.withNewKey(), IN_OSAKA, a.serial()));
    }

    private static void assertStatus(int status, Runnable call) {
        jp.mynacard.jlis.client.CentreException refused =
                org.junit.jupiter.api.Assertions.assertThrows(jp.mynacard.jlis.client.CentreException.class, call::run);
        assertEquals(status, refused.status(), refused.getMessage());
    }

    private static String pem(java.security.cert.X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serialOf(String pem) {
        return CentreCertificates.parse(java.util.Base64.getMimeDecoder().decode(pem
                .replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")))
                .getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
