package jp.mynacard.perso.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import jp.mynacard.perso.channel.IssuerKeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's identity from a PKCS#12 keystore made with keytool, as an issuer would make it. */
class OperatorCredentialTest {
    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    Path dir;

    @Test
    void theOperatorIdIsTheCertificatesCommonNameAndItsKeySigns() throws Exception {
        Path keystore = keytool("operator", "CN=operator-7,O=Example Bureau", "0d", 30);
        try (IssuerKeyStore store = IssuerKeyStore.pkcs12(keystore, PASSWORD)) {
            OperatorCredential operator = OperatorCredential.from(store, "operator", Clock.systemUTC());
            assertEquals("operator-7", operator.operatorId());
            byte[] line = "{\"action\":\"issue\"}".getBytes(StandardCharsets.UTF_8);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(operator.certificate().getPublicKey());
            verifier.update(line);
            assertTrue(verifier.verify(operator.sign(line)));
            assertFalse(operator.toString().contains(String.valueOf(PASSWORD)));
        }
    }

    @Test
    void anExpiredOrNotYetValidCertificateRunsNoBatch() throws Exception {
        Path keystore = keytool("operator", "CN=operator-7", "0d", 30);
        try (IssuerKeyStore store = IssuerKeyStore.pkcs12(keystore, PASSWORD)) {
            Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(40)), ZoneOffset.UTC);
            IllegalArgumentException expired = assertThrows(IllegalArgumentException.class,
                    () -> OperatorCredential.from(store, "operator", later));
            assertTrue(expired.getMessage().contains("not valid now"), expired.getMessage());
            Clock earlier = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
            assertThrows(IllegalArgumentException.class, () -> OperatorCredential.from(store, "operator", earlier));
        }
    }

    @Test
    void aCertificateWithSomeoneElsesKeyOrNoEntryIsRefused() throws Exception {
        Path keystore = keytool("operator", "CN=operator-7", "0d", 30);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        store.setKeyEntry("impostor", stranger, PASSWORD, new Certificate[] {store.getCertificate("operator")});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, PASSWORD);
        }
        try (IssuerKeyStore issuer = IssuerKeyStore.pkcs12(keystore, PASSWORD)) {
            IllegalArgumentException impostor = assertThrows(IllegalArgumentException.class,
                    () -> OperatorCredential.from(issuer, "impostor", Clock.systemUTC()));
            assertTrue(impostor.getMessage().contains("does not belong"), impostor.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> OperatorCredential.from(issuer, "nobody", Clock.systemUTC()));
            assertTrue(missing.getMessage().contains("'nobody'"), missing.getMessage());
        }
    }

    /** A fresh issuer.p12 holding {@code alias} only, valid from now+start for days. */
    private Path keytool(String alias, String subject, String start, int days) throws Exception {
        Path keystore = dir.resolve("issuer.p12");
        Files.deleteIfExists(keystore);
        OperatorKeytool.genkeypair(keystore, PASSWORD, alias, subject, start, days);
        return keystore;
    }
}
