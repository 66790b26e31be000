package jp.mynacard.model.issuance;

import java.security.interfaces.RSAPublicKey;
import jp.mynacard.model.holder.Holder;

/**
 * The centre's side of issuing a card: certificates for the public keys the card generated.
 * Implemented by the simulated J-LIS centre; a personalization never sees a CA key.
 */
public interface CertificateIssuer {
    IssuedCertificates issue(Holder holder, RSAPublicKey authKey, RSAPublicKey signKey);
}
