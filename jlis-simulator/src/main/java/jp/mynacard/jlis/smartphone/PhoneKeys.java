package jp.mynacard.jlis.smartphone;

import java.security.interfaces.RSAPublicKey;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;

/**
 * The keys a phone's secure element generated, as the centre will certify them: RSA of at least
 * 2048 bits like a card's, two different keys, neither the card's own (a phone must hold keys of
 * its own, or losing the card would lose the phone too).
 */
final class PhoneKeys {
    static final int MIN_BITS = 2048;

    private PhoneKeys() {
    }

    static void check(SmartphoneCertificateRequest request, RSAPublicKey cardKey) {
        checkSize("authentication", request.authKey());
        checkSize("signature", request.signKey());
        if (request.authKey().getModulus().equals(request.signKey().getModulus())) {
            throw unacceptable("the phone's authentication and signature keys must differ");
        }
        if (request.authKey().getModulus().equals(cardKey.getModulus())
                || request.signKey().getModulus().equals(cardKey.getModulus())) {
            throw unacceptable("a phone key is the card's own signature key: the phone must generate its own keys");
        }
    }

    private static void checkSize(String which, RSAPublicKey key) {
        if (key.getModulus().bitLength() < MIN_BITS) {
            throw unacceptable("the phone's " + which + " key has " + key.getModulus().bitLength()
                    + " bits; the centre certifies RSA keys of at least " + MIN_BITS);
        }
    }

    private static SmartphoneRefusal unacceptable(String message) {
        return new SmartphoneRefusal(SmartphoneRefusal.Kind.UNACCEPTABLE, message);
    }
}
