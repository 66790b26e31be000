package jp.mynacard.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.security.auth.callback.PasswordCallback;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.jca.MyNumberCardProvider;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.sim.VirtualCard;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JCA provider on the simulated card: the keys, chains and signatures standard Java and
 * BouncyCastle see, with the provider appended last to the JVM's providers.
 */
class MyNumberCardProviderTest {
    private static final byte[] DATA = "確定申告書 2024".getBytes(StandardCharsets.UTF_8);
    private static VirtualCard card;
    private static MyNumberCardProvider provider;

    private final List<String> prompts = new ArrayList<>();

    @BeforeAll
    static void install() {
        card = VirtualCard.issue(Holder.sample());
        provider = new MyNumberCardProvider(card::terminal);
        Security.addProvider(provider);
    }

    @AfterAll
    static void uninstall() {
        Security.removeProvider(provider.getName());
    }

    @BeforeEach
    void clearPrompts() {
        prompts.clear();
    }

    private KeyStore load(String authPin, String signPin) throws Exception {
        KeyStore store = KeyStore.getInstance("MyNumberCard");
        store.load(() -> new KeyStore.CallbackHandlerProtection(callbacks -> {
            PasswordCallback callback = (PasswordCallback) callbacks[0];
            prompts.add(callback.getPrompt());
            callback.setPassword((callback.getPrompt().contains("'sign'") ? signPin : authPin).toCharArray());
        }));
        return store;
    }

    @Test
    void listsAuthAndSignWithTheChainsThatWereIssued() throws Exception {
        KeyStore store = load("1234", "ABCDEF12");
        assertSame(provider, store.getProvider());
        assertEquals(List.of("auth", "sign"), Collections.list(store.aliases()));
        IssuedCertificates issued = card.certificates();

        X509Certificate[] auth = (X509Certificate[]) store.getCertificateChain("auth");
        assertArrayEquals(issued.authCertificate(), auth[0].getEncoded());
        assertArrayEquals(issued.authCaCertificate(), auth[1].getEncoded());
        assertTrue(prompts.isEmpty(), "the auth chain needs no PIN");

        X509Certificate[] sign = (X509Certificate[]) store.getCertificateChain("sign");
        assertArrayEquals(issued.signCertificate(), sign[0].getEncoded());
        assertArrayEquals(issued.signCaCertificate(), sign[1].getEncoded());
        assertEquals(1, prompts.size());
        assertTrue(prompts.get(0).contains("sign"));
        sign[0].verify(sign[1].getPublicKey());
        auth[0].verify(auth[1].getPublicKey());
    }

    @Test
    void standardSha256WithRsaSignsOnTheCardAndVerifiesWithTheCertificate() throws Exception {
        KeyStore store = load("1234", "ABCDEF12");
        for (String alias : List.of("auth", "sign")) {
            PrivateKey key = (PrivateKey) store.getKey(alias, null);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(DATA);
            byte[] signature = signer.sign();
            assertSame(provider, signer.getProvider(), "delayed selection found the card provider");

            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(store.getCertificate(alias).getPublicKey());
            verifier.update(DATA);
            assertTrue(verifier.verify(signature), alias);
        }
    }

    @Test
    void aWrongPinFromTheCallbackFailsTheSignatureWithWrongPinAsCause() throws Exception {
        VirtualCard other = VirtualCard.issue(Holder.sample());
        KeyStore store = KeyStore.getInstance("MyNumberCard", new MyNumberCardProvider(other::terminal));
        store.load(() -> new KeyStore.CallbackHandlerProtection(
                callbacks -> ((PasswordCallback) callbacks[0]).setPassword("9999".toCharArray())));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign((PrivateKey) store.getKey("auth", null));
        signer.update(DATA);
        SignatureException e = assertThrows(SignatureException.class, signer::sign);
        WrongPinException cause = assertInstanceOf(WrongPinException.class, e.getCause());
        assertEquals(2, cause.triesLeft());
    }

    @Test
    void bouncyCastleCmsSignsThroughTheCardUnchanged() throws Exception {
        KeyStore store = load("1234", "ABCDEF12");
        PrivateKey key = (PrivateKey) store.getKey("sign", null);
        X509Certificate[] chain = (X509Certificate[]) store.getCertificateChain("sign");

        for (ContentSigner signer : List.of(new JcaContentSignerBuilder("SHA256withRSA").build(key),
                new JcaContentSignerBuilder("SHA256withRSA").setProvider(provider).build(key))) {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(signer, chain[0]));
            generator.addCertificates(new JcaCertStore(List.of(chain)));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(DATA), true);

            CMSSignedData parsed = new CMSSignedData(signed.getEncoded());
            assertEquals(1, parsed.getSignerInfos().size());
            for (SignerInformation info : parsed.getSignerInfos()) {
                assertTrue(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(chain[0])));
            }
            assertArrayEquals(DATA, (byte[]) parsed.getSignedContent().getContent());
        }
        assertEquals(1, prompts.size(), "the sign PIN was asked once");
    }
}
