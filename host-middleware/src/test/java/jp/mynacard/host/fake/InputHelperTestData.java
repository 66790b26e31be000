package jp.mynacard.host.fake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import jp.mynacard.model.card.CardVerifiableCertificate;

/**
 * The four EFs of a card-input-helper AP (spec §4), built the way the centre and personalization
 * build them, signed with a throwaway card-data signer key kept in the test resources
 * ({@code openssl req -x509 -newkey rsa:2048 ... -subj /CN=card-data}).
 */
public record InputHelperTestData(byte[] myNumber, byte[] attributes, byte[] signature, byte[] signerCertificate) {
    public static final String MY_NUMBER = "123456789018";
    public static final String NAME = "番号　花子";
    public static final String ADDRESS = "東京都千代田区霞が関二丁目１番２号";

    /** The sample holder of spec §7. */
    public static InputHelperTestData sample() {
        return of(MY_NUMBER, NAME, ADDRESS, "19890331", '2');
    }

    public static InputHelperTestData of(String myNumber, String name, String address, String birthDate, char sex) {
        byte[] ef1 = tlv(0xFF10, myNumber.getBytes(StandardCharsets.US_ASCII));
        byte[][] fields = {
            tlv(0xDF22, name.getBytes(StandardCharsets.UTF_8)),
            tlv(0xDF23, address.getBytes(StandardCharsets.UTF_8)),
            tlv(0xDF24, birthDate.getBytes(StandardCharsets.US_ASCII)),
            tlv(0xDF25, new byte[] {(byte) sex}),
        };
        byte[] signedPart = concat(fields);
        byte[] offsets = new byte[8];
        int offset = 3 + offsets.length; // the DF 21 element itself comes first
        for (int i = 0; i < fields.length; i++) {
            offsets[2 * i] = (byte) (offset >> 8);
            offsets[2 * i + 1] = (byte) offset;
            offset += fields[i].length;
        }
        byte[] ef2 = tlv(0xFF20, concat(tlv(0xDF21, offsets), signedPart));
        byte[] hashes = concat(tlv(0xDF31, sha256(ef1)), tlv(0xDF32, sha256(signedPart)));
        byte[] ef3 = tlv(0xFF30, concat(hashes, tlv(0xDF33, sign(hashes))));
        return new InputHelperTestData(ef1, ef2, ef3, signerCardVerifiableCertificate().encoded());
    }

    /** What EF 0004 holds: the throwaway signer's key, self-issued as the centre issues it (spec §4, C5). */
    public static CardVerifiableCertificate signerCardVerifiableCertificate() {
        return CardVerifiableCertificate.selfIssued((RSAPublicKey) signerCertificateParsed().getPublicKey(),
                InputHelperTestData::sign);
    }

    public static X509Certificate signerCertificateParsed() {
        return certificate(resource("card-data-signer.der"));
    }

    /** A certificate of some other signer: not the one the card data was signed by. */
    public static X509Certificate otherCertificate() {
        return certificate(resource("other-signer.der"));
    }

    public static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag & 0xFF);
        if (value.length < 0x80) {
            out.write(value.length);
        } else if (value.length < 0x100) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The throwaway card-data signer's private key, for the card-surface test data too. */
    static PrivateKey signerKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(resource("card-data-signer-key.der")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA256withRSA by the card-data signer. */
    static byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(signerKey());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = InputHelperTestData.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
