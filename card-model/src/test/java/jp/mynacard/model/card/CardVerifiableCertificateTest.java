package jp.mynacard.model.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CardVerifiableCertificateTest {
    private static KeyPair signer;
    private static KeyPair other;

    @BeforeAll
    static void keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signer = generator.generateKeyPair();
        other = generator.generateKeyPair();
    }

    @Test
    void aSelfIssuedRsa2048CertificateIsThe568BytesPublicReadersRead() {
        CardVerifiableCertificate certificate = issue(signer);
        byte[] encoded = certificate.encoded();
        assertEquals(568, encoded.length);
        // 7F 21 82 02 33 { 5F 4E 82 01 29 { issuer, subject, 90 03 e, 91 82 01 00 n }, 5F 37 82 01 00 signature }
        assertEquals("7F218202335F4E820129", HexFormat.of().withUpperCase().formatHex(encoded, 0, 10));
        assertEquals("5F37820100", HexFormat.of().withUpperCase().formatHex(encoded, 307, 312));
        assertArrayEquals(certificate.issuerKeyId(), certificate.subjectKeyId());
        assertArrayEquals(CardVerifiableCertificate.keyIdOf((RSAPublicKey) signer.getPublic()), certificate.subjectKeyId());
        assertEquals(signer.getPublic(), certificate.publicKey());
    }

    @Test
    void parsesWhatItEncodesAndIgnoresTheEfsPadding() {
        CardVerifiableCertificate certificate = issue(signer);
        byte[] ef = Arrays.copyOf(certificate.encoded(), 1024);
        Arrays.fill(ef, 568, ef.length, (byte) 0xFF);
        assertEquals(certificate, CardVerifiableCertificate.parse(ef));
    }

    @Test
    void isPinnedOnlyToItsOwnKeyAndOnlyWhileUntouched() {
        CardVerifiableCertificate certificate = issue(signer);
        assertTrue(certificate.isSelfIssuedFor(signer.getPublic()));
        assertFalse(certificate.isSelfIssuedFor(other.getPublic()), "another key");

        byte[] tampered = certificate.encoded();
        tampered[20] ^= 1; // inside the subject key id, which the signature covers
        assertFalse(CardVerifiableCertificate.parse(tampered).isSelfIssuedFor(signer.getPublic()));

        CardVerifiableCertificate forged = CardVerifiableCertificate.selfIssued((RSAPublicKey) signer.getPublic(),
                body -> sign(other, body));
        assertFalse(forged.isSelfIssuedFor(signer.getPublic()), "the right key, signed by another");
    }

    @Test
    void malformedContentIsACardDataErrorNamingTheFile() {
        byte[] good = issue(signer).encoded();
        for (byte[] bad : new byte[][] {
            {},
            {0x30, 0x00},
            Arrays.copyOf(good, 300),
            HexFormat.of().parseHex("7F2103" + "5F4E00"),
            HexFormat.of().parseHex("7F210A" + "5F4E03" + "AABBCC" + "5F3700" + "0000"),
        }) {
            MalformedCardDataException e = assertThrows(MalformedCardDataException.class, () -> CardVerifiableCertificate.parse(bad));
            assertTrue(e.getMessage().contains("EF 0004"), e.getMessage());
        }
    }

    private static CardVerifiableCertificate issue(KeyPair keys) {
        return CardVerifiableCertificate.selfIssued((RSAPublicKey) keys.getPublic(), body -> sign(keys, body));
    }

    private static byte[] sign(KeyPair keys, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
