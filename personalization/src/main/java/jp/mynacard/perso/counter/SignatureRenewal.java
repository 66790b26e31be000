package jp.mynacard.perso.counter;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.Holder;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * A new signature key and certificate on an issued card: GENERATE KEY PAIR 001A, the centre's
 * certificate for it (replacing the old one) into 0001, LOCK. Between the first command and
 * LOCK the JPKI AP refuses all use (life cycle 04), so the old certificate never pairs with the
 * new key.
 */
final class SignatureRenewal {
    private static final int EF_SIGN_KEY = 0x001A;
    private static final int EF_SIGN_CERT = 0x0001;

    private SignatureRenewal() {
    }

    /** @return the new certificate, DER */
    static byte[] renew(ApduChannel channel, IssuerMasterKey master, CounterCentre centre, Holder holder, BigInteger replaces) {
        PersonalizationSession card = PersonalizationSession.open(channel, master, CounterPin.Aids.JPKI, "JPKI AP");
        RSAPublicKey key = card.generateKeyPair(EF_SIGN_KEY);
        byte[] certificate = centre.issueSignatureCertificate(key, holder, replaces);
        card.writeFile(EF_SIGN_CERT, certificate);
        card.lock();
        return certificate;
    }
}
