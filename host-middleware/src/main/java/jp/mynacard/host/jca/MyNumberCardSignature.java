package jp.mynacard.host.jca;

import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.model.card.MynaCardException;

/**
 * RSA PKCS#1 v1.5 signing on the card: the data is hashed here, then the card's key signs the
 * DigestInfo after its PIN is verified. With no digest (NONEwithRSA) the data is the DER
 * DigestInfo itself. Only {@link MyNumberCardPrivateKey} handles are accepted; verification is
 * the software providers' job.
 */
public final class MyNumberCardSignature extends SignatureSpi {
    /** PKCS#1 v1.5 type 1 in a 2048-bit block leaves 245 bytes. */
    private static final int MAX_DIGEST_INFO = 245;

    private final DigestAlgorithm digest;
    private MessageDigest hasher;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private MyNumberCardPrivateKey key;

    /** @param digest the hash, or null for NONEwithRSA */
    MyNumberCardSignature(DigestAlgorithm digest) {
        this.digest = digest;
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        if (!(privateKey instanceof MyNumberCardPrivateKey handle)) {
            throw new InvalidKeyException("the MyNumberCard provider signs only with My Number card keys, not "
                    + (privateKey == null ? "null" : privateKey.getClass().getName()));
        }
        if (handle.isDestroyed()) {
            throw new InvalidKeyException("the " + handle.alias() + " key handle has been destroyed");
        }
        key = handle;
        reset();
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        throw new InvalidKeyException("the MyNumberCard provider only signs; verify with a software provider");
    }

    private void reset() {
        raw.reset();
        if (digest == null) {
            hasher = null;
            return;
        }
        try {
            hasher = MessageDigest.getInstance(digest.name().replace("SHA", "SHA-"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + digest, e);
        }
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        engineUpdate(new byte[] {b}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialized for signing");
        }
        if (hasher != null) {
            hasher.update(b, off, len);
        } else {
            if (raw.size() + len > MAX_DIGEST_INFO) {
                throw new SignatureException("NONEwithRSA takes a DigestInfo of at most " + MAX_DIGEST_INFO + " bytes");
            }
            raw.write(b, off, len);
        }
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialized for signing");
        }
        byte[] digestInfo = hasher != null ? digest.digestInfo(hasher.digest()) : raw.toByteArray();
        raw.reset();
        try {
            return key.card().sign(key, digestInfo);
        } catch (WrongPinException e) {
            throw new SignatureException("the card refused the " + key.alias() + " PIN (" + e.triesLeft()
                    + " tries left): " + e.getMessage(), e);
        } catch (PinBlockedException e) {
            throw new SignatureException("the " + key.alias() + " PIN is blocked: " + e.getMessage(), e);
        } catch (MynaCardException | CardAccess.PinUnavailableException | IllegalArgumentException e) {
            throw new SignatureException("signing with the card's " + key.alias() + " key failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        throw new SignatureException("the MyNumberCard provider only signs");
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("RSA PKCS#1 v1.5 takes no parameters");
        }
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
        return null;
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no parameters");
    }
}
