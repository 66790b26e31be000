package jp.mynacard.jlis.smartphone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.jlis.client.CertificateHolder;
import jp.mynacard.jlis.client.CertificateStatus;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.jlis.client.SmartphoneCertificates;
import jp.mynacard.model.jpki.CertifiedAttributes;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /admin/smartphone-certificates through the real wire, on a centre started in a temporary
 * directory: a card's signature key (generated here) proves possession, the centre issues the
 * phone's pair to the card's holder, refuses every request that proves nothing with the
 * documented status and issues nothing then, and keeps the phone's link to the card — revoked
 * with it, not suspended with it — across a restart. A subclass says which database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmartphoneCertificatesContract {
    private Path dir;
    private Centre centre;
    private CentreClient client;

    /** The configuration of this class's centre on {@code dataDir}: the same database each time it is called. */
    protected abstract CentreConfiguration configuration(Path dataDir);

    @BeforeAll
    void startCentre(@TempDir Path dir) throws Exception {
        this.dir = dir;
        centre = Centre.start(configuration(dir.resolve("centre")));
        client = new CentreClient(centre.uri(), null);
    }

    /** Stops this class's centre; a subclass that must clean up after it calls this first (it runs once). */
    @AfterAll
    void stopCentre() {
        if (centre != null) {
            centre.close();
            centre = null;
        }
    }

    @Test
    void aPhoneGetsAPairIssuedToTheCardsHolderThatChainsToTheCentreAndIsGood() throws Exception {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificateRequest request = TestCard.phoneRequest(SmartphonePlatform.ANDROID);

        SmartphoneCertificates phone = client.issueSmartphoneCertificates(request, card.certificateDer(), card.prove(request));

        assertEquals(SmartphonePlatform.ANDROID, phone.platform());
        assertEquals("auth", phone.auth().type());
        assertEquals("sign", phone.sign().type());
        X509Certificate auth = TestCard.parse(phone.auth().der());
        X509Certificate sign = TestCard.parse(phone.sign().der());
        assertEquals(request.authKey(), auth.getPublicKey());
        assertEquals(request.signKey(), sign.getPublicKey());
        CertifiedAttributes holder = CertifiedAttributes.of(card.certificate());
        assertEquals(holder, CertifiedAttributes.of(sign), "the phone's signature certificate names the card's holder");
        assertEquals(TestCard.HANAKO.name(), holder.name());
        assertEquals(TestCard.HANAKO.birthDate(), holder.birthDate());
        assertEquals(TestCard.HANAKO.address(), holder.address());
        CertificateHolder authHolder = client.holderOf(auth.getSerialNumber()).orElseThrow();
        assertEquals(TestCard.HANAKO, authHolder.attributes(), "the phone's authentication certificate serves コンビニ交付 too");
        auth.verify(ca("auth").getPublicKey());
        sign.verify(ca("sign").getPublicKey());
        assertEquals(ca("auth").getSubjectX500Principal(), auth.getIssuerX500Principal());
        assertEquals(ca("sign").getSubjectX500Principal(), sign.getIssuerX500Principal());
        assertFalse(sign.getNotAfter().after(card.certificate().getNotAfter()), "the phone's certificates end with the card's");
        assertEquals(card.certificate().getNotAfter(), sign.getNotAfter(), "same holder, same card expiry: same end");
        assertEquals(OcspAnswer.GOOD, OcspAnswer.of(client, "auth", auth.getSerialNumber()));
        assertEquals(OcspAnswer.GOOD, OcspAnswer.of(client, "sign", sign.getSerialNumber()));
        assertEquals(List.of(phone.auth().serial()), issuedFor(request.authKey()));
        assertEquals(List.of(phone.sign().serial()), issuedFor(request.signKey()));
    }

    @Test
    void aProofByAnotherKeyIsRefusedAndNothingIsIssued() {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificateRequest request = TestCard.phoneRequest(SmartphonePlatform.ANDROID);
        byte[] otherProof = TestCard.sign(TestCard.rsa(2048).getPrivate(), request.signedBytes());

        assertRefused(422, "proof", request, () -> client.issueSmartphoneCertificates(request, card.certificateDer(), otherProof));
    }

    @Test
    void aProofOverOtherKeysIsRefusedAndNothingIsIssued() {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificateRequest proved = TestCard.phoneRequest(SmartphonePlatform.ANDROID);
        SmartphoneCertificateRequest sent = new SmartphoneCertificateRequest(SmartphonePlatform.ANDROID, proved.authKey(),
                (RSAPublicKey) TestCard.rsa(2048).getPublic());

        assertRefused(422, "proof", sent, () -> client.issueSmartphoneCertificates(sent, card.certificateDer(), card.prove(proved)));
    }

    @Test
    void aRequestTamperedWithAfterTheCardSignedIsRefusedAndNothingIsIssued() {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificateRequest proved = TestCard.phoneRequest(SmartphonePlatform.ANDROID);
        SmartphoneCertificateRequest otherPlatform = new SmartphoneCertificateRequest(SmartphonePlatform.IPHONE,
                proved.authKey(), proved.signKey());
        SmartphoneCertificateRequest swapped = new SmartphoneCertificateRequest(SmartphonePlatform.ANDROID,
                proved.signKey(), proved.authKey());
        byte[] proof = card.prove(proved);
        byte[] flipped = proof.clone();
        flipped[flipped.length / 2] ^= 1;

        assertRefused(422, "proof", proved, () -> client.issueSmartphoneCertificates(otherPlatform, card.certificateDer(), proof));
        assertRefused(422, "proof", proved, () -> client.issueSmartphoneCertificates(swapped, card.certificateDer(), proof));
        assertRefused(422, "proof", proved, () -> client.issueSmartphoneCertificates(proved, card.certificateDer(), flipped));
    }

    @Test
    void aRevokedCardCannotVouch() {
        TestCard card = TestCard.issuedBy(client);
        client.revoke(card.signature().serial(), "affiliationChanged", "sign");
        SmartphoneCertificateRequest request = TestCard.phoneRequest(SmartphonePlatform.ANDROID);

        assertRefused(409, "revoked (affiliationChanged)", request,
                () -> client.issueSmartphoneCertificates(request, card.certificateDer(), card.prove(request)));
    }

    @Test
    void aSuspendedCardCannotVouch() {
        TestCard card = TestCard.issuedBy(client);
        client.suspend(card.signature().serial(), "sign");
        SmartphoneCertificateRequest request = TestCard.phoneRequest(SmartphonePlatform.IPHONE);

        assertRefused(409, "suspended (certificateHold)", request,
                () -> client.issueSmartphoneCertificates(request, card.certificateDer(), card.prove(request)));
    }

    @Test
    void aCertificateOfAnotherCentreCannotVouch() throws Exception {
        TestCard stranger;
        try (Centre other = Centre.start(CentreConfiguration.embedded(dir.resolve("other-centre")))) {
            stranger = TestCard.issuedBy(new CentreClient(other.uri(), null));
        }
        SmartphoneCertificateRequest request = TestCard.phoneRequest(SmartphonePlatform.ANDROID);

        assertRefused(422, "not issued by this centre", request,
                () -> client.issueSmartphoneCertificates(request, stranger.certificateDer(), stranger.prove(request)));
    }

    @Test
    void aPhonesOwnSignatureCertificateCannotVouchForAnotherPhone() {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificateRequest first = TestCard.phoneRequest(SmartphonePlatform.ANDROID);
        KeyPair phoneSignKey = TestCard.rsa(2048);
        SmartphoneCertificateRequest withKnownKey = new SmartphoneCertificateRequest(SmartphonePlatform.ANDROID,
                first.authKey(), (RSAPublicKey) phoneSignKey.getPublic());
        SmartphoneCertificates phone = client.issueSmartphoneCertificates(withKnownKey, card.certificateDer(),
                card.prove(withKnownKey));
        SmartphoneCertificateRequest second = TestCard.phoneRequest(SmartphonePlatform.IPHONE);

        assertRefused(422, "is a phone's", second, () -> client.issueSmartphoneCertificates(second, phone.sign().der(),
                TestCard.sign(phoneSignKey.getPrivate(), second.signedBytes())));
    }

    @Test
    void keysTheCentreWillNotCertifyAreRefused() {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificateRequest cardsOwnKey = new SmartphoneCertificateRequest(SmartphonePlatform.ANDROID,
                (RSAPublicKey) TestCard.rsa(2048).getPublic(), (RSAPublicKey) card.key().getPublic());
        SmartphoneCertificateRequest shortKey = new SmartphoneCertificateRequest(SmartphonePlatform.ANDROID,
                (RSAPublicKey) TestCard.rsa(1024).getPublic(), (RSAPublicKey) TestCard.rsa(2048).getPublic());

        CentreException refused = assertThrows(CentreException.class,
                () -> client.issueSmartphoneCertificates(cardsOwnKey, card.certificateDer(), card.prove(cardsOwnKey)));
        assertEquals(422, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains("card's own"), refused.getMessage());
        assertEquals(List.of(), issuedFor(cardsOwnKey.authKey()));
        assertEquals(List.of(card.signature().serial()), issuedFor(cardsOwnKey.signKey()), "the card's certificate only");
        assertRefused(422, "at least 2048", shortKey,
                () -> client.issueSmartphoneCertificates(shortKey, card.certificateDer(), card.prove(shortKey)));
    }

    @Test
    void malformedRequestsAre400AndSameKeysTwice422() throws Exception {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificateRequest request = TestCard.phoneRequest(SmartphonePlatform.ANDROID);
        String good = body(request, card.certificateDer(), card.prove(request));
        String authPem = pem("PUBLIC KEY", request.authKey().getEncoded());

        assertStatus(400, "malformed JSON", good.substring(0, good.length() - 2), request);
        assertStatus(400, "missing field 'proof'", good.replaceAll(",\"proof\":\"[^\"]*\"", ""), request);
        assertStatus(400, "android, iphone", good.replace("\"android\"", "\"blackberry\""), request);
        assertStatus(400, "'authPublicKey' is not an RSA public key", good.replace(json(authPem),
                json(authPem.replace("MII", "!!!"))), request);
        assertStatus(400, "'signPublicKey' is not an RSA public key", good.replace(json(pem("PUBLIC KEY",
                request.signKey().getEncoded())), json("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")), request);
        assertStatus(400, "'cardSignCertificate'", good.replace("BEGIN CERTIFICATE", "BEGIN X509 CRL"), request);
        assertStatus(400, "not an X.509 certificate", good.replace(json(pem("CERTIFICATE", card.certificateDer())),
                json(pem("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))), request);
        assertStatus(400, "'proof' must be base64", good.replaceAll("\"proof\":\"[^\"]*\"", "\"proof\":\"not base64!\""), request);
        assertStatus(422, "must differ", good.replace(json(pem("PUBLIC KEY", request.signKey().getEncoded())), json(authPem)),
                request);
        assertStatus(405, "use POST", null, request);
    }

    @Test
    void revokingTheCardsSignatureCertificateRevokesThePhonesPair() throws Exception {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificates phone = issuePhone(card, SmartphonePlatform.ANDROID);

        client.revoke(card.signature().serial(), "keyCompromise", "sign");

        for (IssuedCertificate certificate : List.of(phone.auth(), phone.sign())) {
            CertificateStatus status = client.status(certificate.serial(), certificate.type());
            assertEquals("revoked", status.state(), certificate.type());
            assertEquals("cessationOfOperation", status.reason(), "the phone's key is not compromised");
            assertNull(status.invalidityDate());
            assertEquals(OcspAnswer.CESSATION_OF_OPERATION, OcspAnswer.of(client, certificate.type(), serial(certificate)));
        }
        client.publishCrls();
        X509CRLEntry listed = crl("sign").getRevokedCertificate(serial(phone.sign()));
        assertEquals(java.security.cert.CRLReason.CESSATION_OF_OPERATION, listed.getRevocationReason());
        assertTrue(crl("auth").isRevoked(TestCard.parse(phone.auth().der())));
    }

    @Test
    void suspendingTheCardLeavesThePhoneGoodAndNothingDoneToThePhoneTouchesTheCard() {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificates phone = issuePhone(card, SmartphonePlatform.IPHONE);

        client.suspend(card.signature().serial(), "sign");

        assertEquals(OcspAnswer.CERTIFICATE_HOLD, OcspAnswer.of(client, "sign", serial(card.signature())));
        assertEquals(OcspAnswer.GOOD, OcspAnswer.of(client, "auth", serial(phone.auth())), "the phone is not lost");
        assertEquals(OcspAnswer.GOOD, OcspAnswer.of(client, "sign", serial(phone.sign())));

        TestCard other = TestCard.issuedBy(client);
        SmartphoneCertificates otherPhone = issuePhone(other, SmartphonePlatform.IPHONE);
        client.suspend(otherPhone.sign().serial(), "sign");
        client.revoke(otherPhone.auth().serial(), "keyCompromise", "auth");
        assertEquals(OcspAnswer.GOOD, OcspAnswer.of(client, "sign", serial(other.signature())));
    }

    @Test
    void aSecondPairForTheSameCardAndPlatformSupersedesTheFirstOnly() {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificates oldAndroid = issuePhone(card, SmartphonePlatform.ANDROID);
        SmartphoneCertificates iphone = issuePhone(card, SmartphonePlatform.IPHONE);

        SmartphoneCertificates newAndroid = issuePhone(card, SmartphonePlatform.ANDROID);

        assertNotEquals(oldAndroid.sign().serial(), newAndroid.sign().serial());
        for (IssuedCertificate replaced : List.of(oldAndroid.auth(), oldAndroid.sign())) {
            assertEquals("superseded", client.status(replaced.serial(), replaced.type()).reason());
            assertEquals(OcspAnswer.SUPERSEDED, OcspAnswer.of(client, replaced.type(), serial(replaced)));
        }
        for (IssuedCertificate current : List.of(iphone.auth(), iphone.sign(), newAndroid.auth(), newAndroid.sign())) {
            assertEquals("good", client.status(current.serial(), current.type()).state());
        }
        assertEquals("good", client.status(card.signature().serial(), "sign").state());
    }

    @Test
    void thePhonesLinkToTheCardSurvivesARestart() throws Exception {
        TestCard card = TestCard.issuedBy(client);
        SmartphoneCertificates phone = issuePhone(card, SmartphonePlatform.ANDROID);

        centre.close();
        centre = Centre.start(configuration(dir.resolve("centre")));
        client = new CentreClient(centre.uri(), null);
        client.revoke(card.signature().serial(), "cessationOfOperation", "sign");

        assertEquals(OcspAnswer.CESSATION_OF_OPERATION, OcspAnswer.of(client, "auth", serial(phone.auth())));
        assertEquals(OcspAnswer.CESSATION_OF_OPERATION, OcspAnswer.of(client, "sign", serial(phone.sign())));
    }

    private SmartphoneCertificates issuePhone(TestCard card, SmartphonePlatform platform) {
        SmartphoneCertificateRequest request = TestCard.phoneRequest(platform);
        return client.issueSmartphoneCertificates(request, card.certificateDer(), card.prove(request));
    }

    /** The call is refused with that status and a message saying so, and nothing was issued for the request's keys. */
    private void assertRefused(int status, String says, SmartphoneCertificateRequest request, Runnable call) {
        CentreException refused = assertThrows(CentreException.class, call::run);
        assertEquals(status, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains(says), refused.getMessage());
        assertNothingIssuedFor(request);
    }

    private void assertStatus(int status, String says, String body, SmartphoneCertificateRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(centre.uri().resolve("admin/smartphone-certificates"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(body == null ? builder.GET().build()
                : builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains(says), says + " in " + response.body());
        assertNothingIssuedFor(request);
    }

    private void assertNothingIssuedFor(SmartphoneCertificateRequest request) {
        assertEquals(List.of(), issuedFor(request.authKey()));
        assertEquals(List.of(), issuedFor(request.signKey()));
    }

    private List<String> issuedFor(RSAPublicKey key) {
        return client.certificatesForKey(SmartphoneCertificateRequest.keyDigest(key)).stream()
                .map(CertificateStatus::serial).toList();
    }

    private X509Certificate ca(String type) {
        return TestCard.parse(client.authorityCertificate(type, true));
    }

    private X509CRL crl(String type) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(client.crl(type, false)));
    }

    private static BigInteger serial(IssuedCertificate certificate) {
        return new BigInteger(certificate.serial(), 16);
    }

    private static String body(SmartphoneCertificateRequest request, byte[] cardCertificate, byte[] proof) {
        return "{\"platform\":\"" + request.platform().word() + "\",\"authPublicKey\":" + json(pem("PUBLIC KEY",
                request.authKey().getEncoded())) + ",\"signPublicKey\":" + json(pem("PUBLIC KEY", request.signKey().getEncoded()))
                + ",\"cardSignCertificate\":" + json(pem("CERTIFICATE", cardCertificate)) + ",\"proof\":\""
                + Base64.getEncoder().encodeToString(proof) + "\"}";
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
