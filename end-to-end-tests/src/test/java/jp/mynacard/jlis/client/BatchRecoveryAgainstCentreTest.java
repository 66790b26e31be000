package jp.mynacard.jlis.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.centre.CentreCertificateRevoker;
import jp.mynacard.perso.journal.AuditLog;
import jp.mynacard.perso.journal.BatchJournal;
import jp.mynacard.perso.journal.BatchJournal.Step;
import jp.mynacard.perso.journal.BatchRecovery;
import jp.mynacard.perso.journal.CertificateRevoker;
import jp.mynacard.perso.journal.PublicKeyHash;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of a killed batch against a running centre, over its admin API and OCSP: the
 * certificates of unfinished applications end revoked (cessationOfOperation), found by serial or,
 * when the crash lost the issuance answer, by the journaled key hashes; the applications are
 * abandoned and the audit log says what was revoked, without a secret.
 */
class BatchRecoveryAgainstCentreTest {
    private static final LocalDate CARD_EXPIRY = LocalDate.of(2034, 3, 31);

    @TempDir
    Path dir;
    private Centre centre;
    private CentreClient client;
    private BatchJournal journal;
    private AuditLog audit;

    @BeforeEach
    void start() throws Exception {
        centre = Centre.start(CentreConfiguration.embedded(dir.resolve("centre")));
        client = new CentreClient(centre.uri(), null);
        journal = BatchJournal.open(dir.resolve("batch.journal"));
        audit = AuditLog.open(dir.resolve("audit.jsonl"), "operator-3", "batch-9", Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        audit.close();
        journal.close();
        centre.close();
    }

    @Test
    void certificatesWhoseAnswerWasLostAreFoundByKeyRevokedAndTheApplicationAbandoned() throws Exception {
        PublicKey authKey = newKey();
        PublicKey signKey = newKey();
        journal.started("A-1", "C0001");
        journal.requested("A-1", List.of(PublicKeyHash.of(authKey), PublicKeyHash.of(signKey)));
        // the centre issued both, then the batch was killed before it could journal the answer
        X509Certificate auth = issue("auth", authKey);
        X509Certificate sign = issue("sign", signKey);
        // an application finished before the crash must be left alone
        journal.started("A-0", "C0000");
        PublicKey finishedKey = newKey();
        journal.requested("A-0", List.of(PublicKeyHash.of(finishedKey)));
        X509Certificate finished = issue("sign", finishedKey);
        journal.certified("A-0", List.of(hex(finished)));
        journal.verified("A-0");
        journal.issued("A-0");

        List<BatchRecovery.Recovered> recovered = new BatchRecovery(journal, audit, revoker()).run();

        assertEquals(List.of(new BatchRecovery.Recovered("A-1", "C0001", List.of(hex(auth), hex(sign)))), recovered);
        assertEquals(CRLReason.cessationOfOperation, ocspRevocationReason("auth", auth).orElseThrow());
        assertEquals(CRLReason.cessationOfOperation, ocspRevocationReason("sign", sign).orElseThrow());
        assertEquals(Optional.empty(), ocspRevocationReason("sign", finished));
        assertEquals(Step.ABANDONED, journal.progress("A-1").step());
        assertEquals(Step.ISSUED, journal.progress("A-0").step());
        assertEquals(List.of(), journal.unfinished());

        List<Map<String, String>> revoked = audit.entries().stream().filter(e -> "revoked".equals(e.get("outcome"))).toList();
        assertEquals(List.of(hex(auth), hex(sign)), revoked.stream().map(e -> e.get("certificates")).toList());
        for (Map<String, String> entry : revoked) {
            assertEquals("recover", entry.get("action"));
            assertEquals("A-1", entry.get("application"));
            assertEquals("C0001", entry.get("card"));
            assertEquals("operator-3", entry.get("operator"));
            assertTrue(entry.get("reason").contains("cessationOfOperation"), entry.get("reason"));
        }
        assertNoSecretIn(Files.readString(dir.resolve("audit.jsonl")), authKey, signKey);
    }

    @Test
    void journaledSerialsAreRevokedAndASecondRunChangesNothing() throws Exception {
        PublicKey authKey = newKey();
        PublicKey signKey = newKey();
        journal.started("A-2", "C0002");
        journal.requested("A-2", List.of(PublicKeyHash.of(authKey), PublicKeyHash.of(signKey)));
        X509Certificate auth = issue("auth", authKey);
        X509Certificate sign = issue("sign", signKey);
        journal.certified("A-2", List.of(hex(auth), hex(sign).toLowerCase(java.util.Locale.ROOT)));
        journal.started("A-3", "C0003"); // killed before it asked for anything

        new BatchRecovery(journal, audit, revoker()).run();
        CertificateRecord authAfterFirst = record(auth);
        CertificateRecord signAfterFirst = record(sign);
        int entriesAfterFirst = audit.entries().size();

        assertEquals(List.of(), new BatchRecovery(journal, audit, revoker()).run());

        assertEquals(authAfterFirst, record(auth)); // same change sequence: not revoked again
        assertEquals(signAfterFirst, record(sign));
        assertEquals(entriesAfterFirst, audit.entries().size());
        assertEquals(Step.ABANDONED, journal.progress("A-2").step());
        assertEquals(Step.ABANDONED, journal.progress("A-3").step());
        assertEquals("cessationOfOperation", client.status(hex(sign), null).reason());
    }

    @Test
    void aRecoveryKilledHalfWayIsFinishedByTheNextRunWithoutRevokingTwice() throws Exception {
        PublicKey authKey = newKey();
        PublicKey signKey = newKey();
        journal.started("A-4", "C0004");
        journal.requested("A-4", List.of(PublicKeyHash.of(authKey), PublicKeyHash.of(signKey)));
        X509Certificate auth = issue("auth", authKey);
        X509Certificate sign = issue("sign", signKey);
        CertificateRevoker dyingAfterOneRevocation = new CertificateRevoker() {
            private final CertificateRevoker real = revoker();
            private int revocations;

            @Override
            public List<CentreCertificate> certificatesForKey(String publicKeySha256) {
                return real.certificatesForKey(publicKeySha256);
            }

            @Override
            public Optional<CentreCertificate> certificate(String serial) {
                return real.certificate(serial);
            }

            @Override
            public CentreCertificate revoke(CentreCertificate certificate, String reason) {
                if (++revocations > 1) {
                    throw new CentreException(0, "the recovery was killed", null);
                }
                return real.revoke(certificate, reason);
            }
        };
        assertThrows(CentreException.class, () -> new BatchRecovery(journal, audit, dyingAfterOneRevocation).run());
        assertEquals(Step.REQUESTED, journal.progress("A-4").step()); // not abandoned while a certificate is still good
        CertificateRecord authRevokedOnce = record(auth);

        List<BatchRecovery.Recovered> recovered = new BatchRecovery(journal, audit, revoker()).run();

        assertEquals(List.of(hex(auth), hex(sign)), recovered.get(0).revokedSerials());
        assertEquals(authRevokedOnce, record(auth));
        assertEquals(CRLReason.cessationOfOperation, ocspRevocationReason("sign", sign).orElseThrow());
        assertEquals(Step.ABANDONED, journal.progress("A-4").step());
        List<String> outcomes = audit.entries().stream().map(e -> e.get("certificates") + " " + e.get("outcome")).toList();
        assertEquals(List.of(hex(auth) + " revoked", hex(auth) + " revoked", hex(sign) + " revoked",
                hex(auth) + " " + hex(sign) + " abandoned"), outcomes);
        assertTrue(audit.entries().get(1).get("reason").contains("already revoked"), audit.entries().get(1).get("reason"));
    }

    @Test
    void aCertificateAnOperatorAlreadyRevokedForAnotherReasonDoesNotStopRecovery() throws Exception {
        PublicKey signKey = newKey();
        journal.started("A-5", "C0005");
        journal.requested("A-5", List.of(PublicKeyHash.of(signKey)));
        X509Certificate sign = issue("sign", signKey);
        client.revoke(hex(sign), "keyCompromise", "sign");

        new BatchRecovery(journal, audit, revoker()).run();

        assertEquals(CRLReason.keyCompromise, ocspRevocationReason("sign", sign).orElseThrow());
        assertEquals(Step.ABANDONED, journal.progress("A-5").step());
    }

    @Test
    void aJournaledSerialTheCentreDoesNotKnowStopsRecoveryAndLeavesTheApplicationUnfinished() throws Exception {
        journal.started("A-6", "C0006");
        journal.requested("A-6", List.of(PublicKeyHash.of(newKey())));
        journal.certified("A-6", List.of("1234ABCD"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new BatchRecovery(journal, audit, revoker()).run());

        assertTrue(refused.getMessage().contains("1234ABCD"), refused.getMessage());
        assertEquals(Step.CERTIFIED, journal.progress("A-6").step());
        assertEquals("failed", audit.entries().get(audit.entries().size() - 1).get("outcome"));
    }

    private CertificateRevoker revoker() {
        return new CentreCertificateRevoker(client);
    }

    private X509Certificate issue(String type, PublicKey key) throws Exception {
        String pem = client.issue(type, key, Holder.sample().basicAttributes(), CARD_EXPIRY).certificatePem();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private CertificateRecord record(X509Certificate certificate) {
        return centre.administration().status(certificate.getSerialNumber(), Optional.empty());
    }

    /** The reason the centre's OCSP responder gives, or empty while the certificate is good. */
    private Optional<Integer> ocspRevocationReason(String type, X509Certificate certificate) throws Exception {
        X509Certificate issuer = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(client.authorityCertificate(type, true)));
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(centre.uri().resolve("ocsp"))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder().addRequest(id).build().getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        OCSPResp ocsp = new OCSPResp(response.body());
        assertEquals(OCSPResp.SUCCESSFUL, ocsp.getStatus());
        SingleResp answer = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0];
        if (answer.getCertStatus() == null) {
            return Optional.empty();
        }
        RevokedStatus revoked = assertInstanceOf(RevokedStatus.class, answer.getCertStatus());
        return Optional.of(revoked.getRevocationReason());
    }

    private static void assertNoSecretIn(String auditText, PublicKey... keys) {
        Holder holder = Holder.sample();
        for (String secret : List.of(holder.basicAttributes().name(), holder.basicAttributes().address(),
                holder.basicAttributes().birthDate().toString())) {
            assertFalse(auditText.contains(secret), "the audit log holds a holder attribute");
        }
        for (PublicKey key : keys) {
            assertFalse(auditText.contains(PublicKeyHash.of(key)), "the audit log holds a key hash");
            assertFalse(auditText.contains(java.util.Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 40)),
                    "the audit log holds a key");
        }
        assertFalse(auditText.contains("BEGIN"), "the audit log holds PEM");
    }

    private static String hex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    private static PublicKey newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }
}
