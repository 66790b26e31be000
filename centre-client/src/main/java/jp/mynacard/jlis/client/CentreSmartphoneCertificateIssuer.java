package jp.mynacard.jlis.client;

import java.security.interfaces.RSAPublicKey;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.model.smartphone.CardVoucher;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * A phone's JPKI certificates from a running centre, vouched for by the holder's card: the card
 * signs the request naming the keys the phone generated, and the centre issues to the holder the
 * card's signature certificate names (POST /admin/smartphone-certificates).
 */
public final class CentreSmartphoneCertificateIssuer implements CertificateIssuer {
    private final CentreClient client;
    private final SmartphonePlatform platform;
    private final CardVoucher card;

    public CentreSmartphoneCertificateIssuer(CentreClient client, SmartphonePlatform platform, CardVoucher card) {
        this.client = client;
        this.platform = platform;
        this.card = card;
    }

    /** {@code holder} is not asked for: the centre takes the holder from the card's certificate, never from the caller. */
    @Override
    public IssuedCertificates issue(Holder holder, RSAPublicKey authKey, RSAPublicKey signKey) {
        SmartphoneCertificateRequest request = new SmartphoneCertificateRequest(platform, authKey, signKey);
        SmartphoneCertificates issued = client.issueSmartphoneCertificates(request, card.signatureCertificate(),
                card.sign(request.signedBytes()));
        return new IssuedCertificates(issued.auth().der(), client.authorityCertificate("auth", true),
                issued.sign().der(), client.authorityCertificate("sign", true));
    }
}
