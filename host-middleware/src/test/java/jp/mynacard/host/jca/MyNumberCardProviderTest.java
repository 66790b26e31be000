package jp.mynacard.host.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.security.auth.callback.PasswordCallback;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.fake.FakeJpkiCard;
import jp.mynacard.host.fake.FakeTerminal;
import jp.mynacard.host.jpki.DigestAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MyNumberCardProviderTest {
    private static final byte[] DATA = "an invoice".getBytes(StandardCharsets.UTF_8);

    private FakeJpkiCard fake;
    private MyNumberCardProvider provider;
    private final List<String> prompts = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fake = new FakeJpkiCard();
        FakeTerminal terminal = new FakeTerminal("fake reader", fake);
        provider = new MyNumberCardProvider(() -> terminal);
    }

    private KeyStore.ProtectionParameter answering(String auth, String sign) {
        return new KeyStore.CallbackHandlerProtection(callbacks -> {
            PasswordCallback callback = (PasswordCallback) callbacks[0];
            prompts.add(callback.getPrompt());
            callback.setPassword((callback.getPrompt().contains("'sign'") ? sign : auth).toCharArray());
        });
    }

    private KeyStore load(KeyStore.ProtectionParameter protection) throws Exception {
        KeyStore store = KeyStore.getInstance(MyNumberCardProvider.KEY_STORE_TYPE, provider);
        store.load(() -> protection);
        return store;
    }

    @Test
    void listsBothKeysAndReadsTheAuthChainWithoutAPin() throws Exception {
        KeyStore store = load(answering("1234", "ABCDEF12"));
        assertEquals(List.of("auth", "sign"), Collections.list(store.aliases()));
        assertEquals(2, store.size());
        assertTrue(store.isKeyEntry("auth"));
        assertTrue(store.entryInstanceOf("sign", KeyStore.PrivateKeyEntry.class));
        assertEquals(2, store.getCertificateChain("auth").length);
        assertNull(store.getCertificateChain("nobody"));
        assertEquals(0, fake.count(0x20), "no PIN verified for the auth chain");
        assertTrue(prompts.isEmpty());
    }

    @Test
    void theSignChainAsksForTheSignPinThroughTheCallback() throws Exception {
        KeyStore store = load(answering("1234", "ABCDEF12"));
        X509Certificate[] chain = (X509Certificate[]) store.getCertificateChain("sign");
        assertArrayEquals(FakeJpkiCard.testCertificate(), chain[0].getEncoded());
        assertEquals(1, prompts.size());
        assertTrue(prompts.get(0).contains("sign"), prompts.get(0));
        store.getCertificateChain("sign");
        assertEquals(1, prompts.size(), "read once");
    }

    @Test
    void aPasswordGoesToTheKeyWhoseFormatItFits() throws Exception {
        KeyStore store = load(new KeyStore.PasswordProtection("ABCDEF12".toCharArray()));
        assertEquals(2, store.getCertificateChain("sign").length);
        PrivateKey key = (PrivateKey) store.getKey("sign", null);
        Signature signer = Signature.getInstance("SHA256withRSA", provider);
        signer.initSign(key);
        signer.update(DATA);
        assertTrue(verifies("SHA256withRSA", signer.sign(), fake.signKey().getPublic()));
    }

    @Test
    void signsEachHashOnTheCardWithTheKeysPin() throws Exception {
        KeyStore store = load(null);
        PrivateKey key = (PrivateKey) store.getKey("auth", "1234".toCharArray());
        assertEquals("RSA", key.getAlgorithm());
        assertNull(key.getEncoded());
        for (DigestAlgorithm alg : DigestAlgorithm.values()) {
            Signature signer = Signature.getInstance(alg.jcaSignatureName(), provider);
            signer.initSign(key);
            signer.update(DATA);
            assertTrue(verifies(alg.jcaSignatureName(), signer.sign(), fake.authKey().getPublic()), alg.name());
        }
        Signature none = Signature.getInstance("NONEwithRSA", provider);
        none.initSign(key);
        none.update(DigestAlgorithm.SHA256.digestInfo(DigestAlgorithm.SHA256.digest(DATA)));
        assertTrue(verifies("SHA256withRSA", none.sign(), fake.authKey().getPublic()));
    }

    @Test
    void delayedSelectionPicksTheCardProviderForCardKeysOnly() throws Exception {
        Security.addProvider(provider);
        try {
            PrivateKey key = (PrivateKey) load(answering("1234", "ABCDEF12")).getKey("auth", null);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            assertSame(provider, signer.getProvider());
            signer.update(DATA);
            assertTrue(verifies("SHA256withRSA", signer.sign(), fake.authKey().getPublic()));
            assertEquals(List.of(CardAccess.prompt(jp.mynacard.host.jpki.JpkiKey.AUTH)), prompts);

            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Signature software = Signature.getInstance("SHA256withRSA");
            software.initSign(generator.generateKeyPair().getPrivate());
            assertNotEquals(provider, software.getProvider());
        } finally {
            Security.removeProvider(provider.getName());
        }
    }

    @Test
    void softwareKeysAndVerificationAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withRSA", provider);
        assertThrows(InvalidKeyException.class, () -> signer.initSign(pair.getPrivate()));
        assertThrows(InvalidKeyException.class, () -> signer.initVerify(pair.getPublic()));
    }

    @Test
    void aWrongPinFromTheCallbackIsASignatureExceptionCausedByWrongPin() throws Exception {
        PrivateKey key = (PrivateKey) load(answering("9999", "ABCDEF12")).getKey("auth", null);
        Signature signer = Signature.getInstance("SHA256withRSA", provider);
        signer.initSign(key);
        signer.update(DATA);
        SignatureException e = assertThrows(SignatureException.class, signer::sign);
        WrongPinException cause = assertInstanceOf(WrongPinException.class, e.getCause());
        assertEquals(2, cause.triesLeft());
        assertTrue(e.getMessage().contains("auth PIN"), e.getMessage());
        assertEquals(0, fake.count(0x2A), "nothing signed");
    }

    @Test
    void aWrongPinGivenToGetKeyForTheSignKeyIsUnrecoverable() throws Exception {
        KeyStore store = load(null);
        UnrecoverableKeyException e = assertThrows(UnrecoverableKeyException.class,
                () -> store.getKey("sign", "WRONG1".toCharArray()));
        assertInstanceOf(WrongPinException.class, e.getCause());
        assertEquals(4, fake.tries(FakeJpkiCard.SIGN_PIN));
        assertThrows(UnrecoverableKeyException.class, () -> store.getKey("sign", null), "no PIN, no handler");
    }

    @Test
    void getEntryTakesTheKeysPinThroughACallbackHandler() throws Exception {
        KeyStore store = load(null);
        KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) store.getEntry("sign", answering("1234", "ABCDEF12"));
        assertEquals(2, entry.getCertificateChain().length);
        assertEquals(List.of(CardAccess.prompt(jp.mynacard.host.jpki.JpkiKey.SIGN)), prompts);
        Signature signer = Signature.getInstance("SHA512withRSA", provider);
        signer.initSign(entry.getPrivateKey());
        signer.update(DATA);
        assertTrue(verifies("SHA512withRSA", signer.sign(), fake.signKey().getPublic()));
    }

    @Test
    void theStoreIsReadOnly() throws Exception {
        KeyStore store = load(null);
        assertThrows(UnsupportedOperationException.class, () -> store.deleteEntry("auth"));
        assertThrows(UnsupportedOperationException.class,
                () -> store.setCertificateEntry("x", store.getCertificate("auth")));
        assertThrows(UnsupportedOperationException.class, () -> store.store(null, null));
    }

    private static boolean verifies(String alg, byte[] signature, java.security.PublicKey publicKey) throws Exception {
        Signature verifier = Signature.getInstance(alg);
        verifier.initVerify(publicKey);
        verifier.update(DATA);
        return verifier.verify(signature);
    }
}
