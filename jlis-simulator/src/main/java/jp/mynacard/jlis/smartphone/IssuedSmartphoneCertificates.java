package jp.mynacard.jlis.smartphone;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/** A phone's new pair, recorded and linked: issued to {@code holder}, on the card signature certificate {@code cardSignatureSerial}. */
public record IssuedSmartphoneCertificates(SmartphonePlatform platform, BasicAttributes holder, X509Certificate authentication,
                                           X509Certificate signature, BigInteger cardSignatureSerial) {
}
