package jp.mynacard.perso.counter;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * A new key and certificate on an issued card: GENERATE KEY PAIR (001A sign, 0017 auth), the
 * centre's certificate for it into its EF (0001, 000A), LOCK. Between the first command and
 * LOCK the JPKI AP refuses all use (life cycle 04), and the new key empties its certificate EF,
 * so the old certificate never pairs with the new key.
 */
final class CertificateRenewal {
    private static final int EF_SIGN_KEY = CardFile.JPKI_SIGN_KEY.fid();
    private static final int EF_SIGN_CERT = CardFile.JPKI_SIGN_CERT.fid();
    private static final int EF_AUTH_KEY = CardFile.JPKI_AUTH_KEY.fid();
    private static final int EF_AUTH_CERT = CardFile.JPKI_AUTH_CERT.fid();

    private CertificateRenewal() {
    }

    /**
     * @param replaces the certificate the new one follows (signature certificates), or null
     * @return the new certificate, DER
     */
    static byte[] renew(ApduChannel channel, IssuerMasterKey master, CounterCentre centre, Holder holder,
                        CertificateKind kind, BigInteger replaces) {
        PersonalizationSession card = PersonalizationSession.open(channel, master, CardApplication.JPKI.aid(), CardApplication.JPKI.displayName());
        RSAPublicKey key = card.generateKeyPair(kind == CertificateKind.SIGN ? EF_SIGN_KEY : EF_AUTH_KEY);
        byte[] certificate = centre.issueCertificate(kind, key, holder, replaces);
        card.writeFile(kind == CertificateKind.SIGN ? EF_SIGN_CERT : EF_AUTH_CERT, certificate);
        card.lock();
        return certificate;
    }
}
