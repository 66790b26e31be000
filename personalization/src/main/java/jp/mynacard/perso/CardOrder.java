package jp.mynacard.perso;

import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.model.issuance.CertificateIssuer;

/**
 * Everything one card is issued from: the holder, the PINs they chose, the centre's certificate
 * issuer and card-data signer, and the blank's serial. Each application takes what it needs.
 */
public record CardOrder(Holder holder, JpkiPins pins, CertificateIssuer issuer, CardDataSigner cardDataSigner,
                        String cardSerial) {
}
