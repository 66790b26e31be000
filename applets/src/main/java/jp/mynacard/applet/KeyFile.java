package jp.mynacard.applet;

import javacard.framework.Util;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.RSAPrivateCrtKey;
import javacard.security.RSAPublicKey;
import javacardx.crypto.Cipher;

/**
 * A private-key EF: an RSA-2048 key pair generated on the card, whose private half never
 * leaves it, usable once its PIN is verified (no PIN: usable by anyone, e.g. card authentication).
 */
final class KeyFile extends CardFile {
    static final short MODULUS_LENGTH = (short) (KeyBuilder.LENGTH_RSA_2048 / 8);
    /** PKCS#1 v1.5 type 1 needs at least 11 bytes of padding around the DigestInfo. */
    static final short MAX_DIGEST_INFO_LENGTH = (short) (MODULUS_LENGTH - 11);

    private static final byte[] PUBLIC_EXPONENT = {0x01, 0x00, 0x01};
    private static final short TAG_PUBLIC_KEY_TEMPLATE = 0x7F49;
    private static final byte TAG_MODULUS = (byte) 0x81;
    private static final byte TAG_EXPONENT = (byte) 0x82;
    private static final byte LENGTH_TWO_BYTES = (byte) 0x82;
    /** 81 82 01 00 <modulus> 82 03 <exponent> */
    private static final short TEMPLATE_VALUE_LENGTH = (short) (4 + MODULUS_LENGTH + 2 + 3);
    /** 7F 49 82 hi lo <value> */
    static final short TEMPLATE_LENGTH = (short) (5 + TEMPLATE_VALUE_LENGTH);

    private final KeyPair keyPair;
    private final PinFile usagePin;
    private boolean generated;

    /** Allocates the key objects once, at install: a chip cannot reclaim a second allocation. */
    KeyFile(PinFile usagePin) {
        this.keyPair = new KeyPair(KeyPair.ALG_RSA_CRT, KeyBuilder.LENGTH_RSA_2048);
        this.usagePin = usagePin;
    }

    boolean isPersonalized() {
        return generated;
    }

    KeyFile asKeyFile() {
        return this;
    }

    boolean isUsable() {
        return generated && (usagePin == null || usagePin.isValidated());
    }

    /** Replaces the key pair with a fresh one; any earlier key is gone. */
    void generate() {
        TearPoints.beforeWrite();
        generated = false;
        TearPoints.beforeWrite();
        ((RSAPublicKey) keyPair.getPublic()).setExponent(PUBLIC_EXPONENT, (short) 0, (short) PUBLIC_EXPONENT.length);
        TearPoints.beforeWrite();
        keyPair.genKeyPair();
        TearPoints.beforeWrite();
        generated = true;
    }

    /** Forgets the key pair (WIPE before LOCK). */
    void clear() {
        TearPoints.beforeWrite();
        generated = false;
        TearPoints.beforeWrite();
        keyPair.getPrivate().clearKey();
        TearPoints.beforeWrite();
        keyPair.getPublic().clearKey();
    }

    /** Writes the ISO 7816-8 public key template (7F49 { 81 modulus, 82 exponent }); returns its length. */
    short writePublicKeyTemplate(byte[] out, short offset) {
        RSAPublicKey publicKey = (RSAPublicKey) keyPair.getPublic();
        short at = offset;
        out[at++] = (byte) (TAG_PUBLIC_KEY_TEMPLATE >> 8);
        out[at++] = (byte) TAG_PUBLIC_KEY_TEMPLATE;
        out[at++] = LENGTH_TWO_BYTES;
        at = Util.setShort(out, at, TEMPLATE_VALUE_LENGTH);
        out[at++] = TAG_MODULUS;
        out[at++] = LENGTH_TWO_BYTES;
        at = Util.setShort(out, at, MODULUS_LENGTH);
        at += publicKey.getModulus(out, at);
        out[at++] = TAG_EXPONENT;
        short exponentLengthAt = at++;
        short exponentLength = publicKey.getExponent(out, at);
        out[exponentLengthAt] = (byte) exponentLength;
        at += exponentLength;
        return (short) (at - offset);
    }

    /** Pads a DigestInfo with PKCS#1 v1.5 type 1 and applies the private key: the signature. */
    short sign(Cipher rsaPkcs1, byte[] digestInfo, short offset, short length, byte[] out, short outOffset) {
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) keyPair.getPrivate();
        rsaPkcs1.init(privateKey, Cipher.MODE_ENCRYPT);
        return rsaPkcs1.doFinal(digestInfo, offset, length, out, outOffset);
    }
}
