package jp.mynacard.perso.cardface;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import jp.mynacard.model.card.CardVerifiableCertificate;
import jp.mynacard.model.issuance.CardDataSigner;

/** A throwaway card-data signer with an RSA-2048 key, both signing methods as the centre's. */
final class TestCardDataSigner implements CardDataSigner {
    final KeyPair key;

    TestCardDataSigner() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public byte[] sign(byte[] data) {
        return sign("SHA256withRSA", data);
    }

    @Override
    public byte[] signDigestInfo(byte[] digestInfo) {
        return sign("NONEwithRSA", digestInfo);
    }

    /** No X.509 certificate to derive it from: the key itself, self-issued as the centre's signer does. */
    @Override
    public CardVerifiableCertificate cardVerifiableCertificate() {
        return CardVerifiableCertificate.selfIssued((RSAPublicKey) key.getPublic(), this::sign);
    }

    @Override
    public byte[] certificate() {
        return new byte[] {0x30, 0x03, 0x02, 0x01, 0x01};
    }

    private byte[] sign(String algorithm, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
