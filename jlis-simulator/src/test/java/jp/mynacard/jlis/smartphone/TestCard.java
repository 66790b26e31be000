package jp.mynacard.jlis.smartphone;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * A holder's card as far as the centre can tell: a signature key pair generated here stands in
 * for the card's, and its signature certificate is issued the normal way over the admin API.
 */
record TestCard(KeyPair key, IssuedCertificate signature) {
    static final BasicAttributes HANAKO = new BasicAttributes("番号　花子", LocalDate.of(1989, 3, 31), Sex.FEMALE,
            "東京都千代田区霞が関二丁目１番２号");
    static final LocalDate CARD_EXPIRY = LocalDate.of(2034, 3, 31);

    static TestCard issuedBy(CentreClient centre) {
        KeyPair key = rsa(2048);
        return new TestCard(key, centre.issue("sign", key.getPublic(), HANAKO, CARD_EXPIRY));
    }

    /** What the card answers when the holder enters the signature PIN: its signature over the request. */
    byte[] prove(SmartphoneCertificateRequest request) {
        return sign(key.getPrivate(), request.signedBytes());
    }

    byte[] certificateDer() {
        return signature.der();
    }

    X509Certificate certificate() {
        return parse(certificateDer());
    }

    /** A phone's request with two fresh keys of its secure element. */
    static SmartphoneCertificateRequest phoneRequest(SmartphonePlatform platform) {
        return new SmartphoneCertificateRequest(platform, (RSAPublicKey) rsa(2048).getPublic(),
                (RSAPublicKey) rsa(2048).getPublic());
    }

    static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
