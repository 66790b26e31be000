package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * A phone's pair of JPKI certificates (スマホ用電子証明書) and the card signature certificate that
 * vouched for them: the centre issued the pair on the card's strength, so the registry revokes it
 * with the card's signature certificate (see {@link RevocationRegistry#revoke}).
 *
 * @param cardSignatureSerial the card's signature certificate (signature CA)
 * @param authenticationSerial the phone's user-authentication certificate (authentication CA)
 * @param signatureSerial the phone's signature certificate (signature CA)
 */
public record SmartphoneLink(BigInteger cardSignatureSerial, SmartphonePlatform platform, BigInteger authenticationSerial,
                             BigInteger signatureSerial, Instant linkedAt) {
    public SmartphoneLink {
        Objects.requireNonNull(cardSignatureSerial, "cardSignatureSerial");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(authenticationSerial, "authenticationSerial");
        Objects.requireNonNull(signatureSerial, "signatureSerial");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }
}
