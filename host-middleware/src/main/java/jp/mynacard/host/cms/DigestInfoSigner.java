package jp.mynacard.host.cms;

/**
 * Whatever holds the private key: RSA PKCS#1 v1.5 over a DER DigestInfo, as the JPKI card's
 * COMPUTE DIGITAL SIGNATURE does ({@code card.signDigestInfo(key, digestInfo)}).
 */
@FunctionalInterface
public interface DigestInfoSigner {
    byte[] sign(byte[] digestInfo) throws Exception;
}
