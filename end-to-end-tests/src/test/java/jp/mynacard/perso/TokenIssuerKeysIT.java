package jp.mynacard.perso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import javacard.framework.AID;
import javax.crypto.spec.SecretKeySpec;
import javax.smartcardio.CardTerminal;
import jp.mynacard.applet.JpkiApplet;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.channel.ChipInstallData;
import jp.mynacard.perso.channel.IssuerKeyStore;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.SecureChannelException;
import jp.mynacard.perso.journal.OperatorCredential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issuer's keys on a real PKCS#11 token: the test JVM's SoftHSM2 token ({@link SoftHsmToken}),
 * with this class's labels. The master key is generated on the token, sensitive; a card installed with the
 * card key diversified from it is personalized through the secure channel, and refused with another
 * token key. Fails, does not skip, without SoftHSM2: {@code bin/test} installs it.
 */
class TokenIssuerKeysIT {
    private static final byte[] JPKI_AID = CardApplication.JPKI.aid();
    private static final String MASTER = "issuer-master";
    private static final String OTHER_MASTER = "other-master";
    private static final String KNOWN_MASTER = "known-master";
    private static final String AES_256 = "aes256-master";
    private static final String OPERATOR = "operator";
    private static char[] pin;
    private static Path pkcs11Config;
    private static byte[] knownValue;

    @BeforeAll
    static void token() throws Exception {
        SoftHsmToken token = SoftHsmToken.shared();
        pin = token.pin();
        pkcs11Config = token.config();
        KeyStore store = token.login();
        Provider provider = store.getProvider();
        store.setEntry(MASTER, new KeyStore.SecretKeyEntry(SoftHsmToken.aesKey(provider, 128)), null);
        store.setEntry(OTHER_MASTER, new KeyStore.SecretKeyEntry(SoftHsmToken.aesKey(provider, 128)), null);
        store.setEntry(AES_256, new KeyStore.SecretKeyEntry(SoftHsmToken.aesKey(provider, 256)), null);
        knownValue = new byte[16];
        new SecureRandom().nextBytes(knownValue);
        store.setEntry(KNOWN_MASTER, new KeyStore.SecretKeyEntry(new SecretKeySpec(knownValue, "AES")), null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair operator = generator.generateKeyPair();
        store.setKeyEntry(OPERATOR, operator.getPrivate(), null,
                new Certificate[] {SoftHsmToken.certificate(operator, "CN=operator-3,O=Example Bureau")});
    }

    @Test
    void aCardMadeForTheTokensKeyIsPersonalizedThroughTheChannelAndRefusedWithAnotherTokenKey() throws Exception {
        KeyStore token = KeyStore.getInstance("PKCS11", Security.getProvider("SunPKCS11").configure(pkcs11Config.toString()));
        token.load(null, pin);
        assertNull(token.getKey(MASTER, null).getEncoded(), "the master key's value can be read off the token");

        IssuerMasterKey master = IssuerMasterKey.pkcs11(pkcs11Config, pin, MASTER);
        assertFalse(master.toString().contains(String.valueOf(pin)));
        CardTerminal reader = blankCard("TK0000000001", master);
        IssuedCertificates issued;
        try (ApduChannel channel = ApduChannel.open(reader)) {
            issued = new JpkiPersonalizer(channel, master).personalize(Holder.sample(), JpkiPins.sample(),
                    JpkiIssuer.withNewAuthorities(Clock.systemUTC()));
        }
        try (JpkiCard card = JpkiCard.open(reader)) {
            card.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
            assertArrayEquals(issued.signCertificate(), card.readCertificate(JpkiCertificate.SIGN));
        }

        IssuerMasterKey other = IssuerMasterKey.pkcs11(pkcs11Config, pin, OTHER_MASTER);
        CardTerminal another = blankCard("TK0000000002", master);
        try (ApduChannel channel = ApduChannel.open(another)) {
            SecureChannelException refused = assertThrows(SecureChannelException.class,
                    () -> new JpkiPersonalizer(channel, other).personalize(Holder.sample(), JpkiPins.sample(),
                            JpkiIssuer.withNewAuthorities(Clock.systemUTC())));
            assertTrue(refused.getMessage().contains("does not hold this issuer's key"), refused.getMessage());
        }
    }

    @Test
    void theSameKeyValueOnTheTokenAndInAPkcs12FileGivesTheSameCardKeys() throws Exception {
        Path p12 = Files.createTempFile(SoftHsmToken.shared().home(), "issuer", ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, pin);
        store.setEntry(KNOWN_MASTER, new KeyStore.SecretKeyEntry(new SecretKeySpec(knownValue, "AES")), new KeyStore.PasswordProtection(pin));
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, pin);
        }
        IssuerMasterKey inFile = IssuerMasterKey.load(p12, pin, KNOWN_MASTER);
        IssuerMasterKey onToken = IssuerMasterKey.pkcs11(pkcs11Config, pin, KNOWN_MASTER);
        for (String serial : List.of("TK0000000003", "A", "SIXTEEN-BYTES-16")) {
            byte[] bytes = serial.getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(ChipInstallData.of(JPKI_AID, bytes, inFile), ChipInstallData.of(JPKI_AID, bytes, onToken), serial);
        }
    }

    @Test
    void anAes256KeyAWrongPinAndAMissingLabelAreClearErrors() throws Exception {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> IssuerMasterKey.pkcs11(pkcs11Config, pin, AES_256));
        assertTrue(big.getMessage().contains("AES-256, not AES-128"), big.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> IssuerMasterKey.pkcs11(pkcs11Config, pin, "nobody"));
        assertTrue(missing.getMessage().contains("'nobody'"), missing.getMessage());
        IllegalArgumentException operatorAsMaster = assertThrows(IllegalArgumentException.class,
                () -> IssuerMasterKey.pkcs11(pkcs11Config, pin, OPERATOR));
        assertTrue(operatorAsMaster.getMessage().contains("no secret key entry"), operatorAsMaster.getMessage());
        // PKCS#11 login is per process: a token this JVM is logged in to would take any PIN
        ((AuthProvider) Security.getProvider("SunPKCS11").configure(pkcs11Config.toString())).logout();
        char[] wrong = "not-the-pin".toCharArray();
        IllegalArgumentException badPin = assertThrows(IllegalArgumentException.class,
                () -> IssuerMasterKey.pkcs11(pkcs11Config, wrong, MASTER));
        assertTrue(badPin.getMessage().contains("PIN"), badPin.getMessage());
        assertFalse(badPin.getMessage().contains("not-the-pin"), "the PIN is in the message");
    }

    @Test
    void theOperatorIsIdentifiedByTheCertificateOnTheTokenAndSignsThere() throws Exception {
        IssuerKeyStore token = IssuerKeyStore.pkcs11(pkcs11Config, pin);
        OperatorCredential operator = OperatorCredential.from(token, OPERATOR, Clock.systemUTC());
        assertEquals("operator-3", operator.operatorId());
        byte[] line = "{\"operator\":\"operator-3\"}".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(operator.certificate().getPublicKey());
        verifier.update(line);
        assertTrue(verifier.verify(operator.sign(line)));
        // the master key comes from the same token, opened once
        assertTrue(IssuerMasterKey.from(token, MASTER).toString().contains("on token"));
    }

    /** A jcardsim card with the JPKI AP installed as the chip factory would, for this master key. */
    private static CardTerminal blankCard(String serial, IssuerMasterKey master) {
        CardSimulator simulator = new CardSimulator();
        byte[] data = ChipInstallData.of(JPKI_AID, serial.getBytes(StandardCharsets.US_ASCII), master);
        simulator.installApplet(new AID(JPKI_AID, (short) 0, (byte) JPKI_AID.length), JpkiApplet.class, data, (short) 0, (byte) data.length);
        return CardTerminalSimulator.terminal(simulator, "token test reader");
    }
}
