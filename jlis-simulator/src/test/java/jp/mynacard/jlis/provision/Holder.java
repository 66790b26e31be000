package jp.mynacard.jlis.provision;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/** A card's signature key stood in for by a generated RSA key: signs statements as the card would. */
final class Holder {
    final KeyPair key;

    private Holder(KeyPair key) {
        this.key = key;
    }

    static Holder withNewKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new Holder(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(byte[] statement) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key.getPrivate());
            signer.update(statement);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] consent(String provider, String serialHex, Instant issued) {
        return ("mynacard-4info-consent\nprovider=" + provider + "\ncertificate=" + serialHex + "\nissued=" + issued)
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withdrawal(String consentId, Instant issued) {
        return ("mynacard-4info-withdraw\nconsent=" + consentId + "\nissued=" + issued).getBytes(StandardCharsets.UTF_8);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
