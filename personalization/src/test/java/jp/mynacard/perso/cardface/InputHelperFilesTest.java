package jp.mynacard.perso.cardface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import jp.mynacard.model.card.CardVerifiableCertificate;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.MyNumber;
import jp.mynacard.model.holder.Sex;
import jp.mynacard.model.issuance.CardDataSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InputHelperFilesTest {
    private static KeyPair signerKey;
    private static CardDataSigner signer;

    @BeforeAll
    static void signer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signerKey = generator.generateKeyPair();
        signer = new CardDataSigner() {
            @Override
            public byte[] sign(byte[] data) {
                try {
                    Signature signature = Signature.getInstance("SHA256withRSA");
                    signature.initSign(signerKey.getPrivate());
                    signature.update(data);
                    return signature.sign();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public byte[] signDigestInfo(byte[] digestInfo) {
                throw new UnsupportedOperationException("the input-helper AP signs data, not DigestInfos");
            }

            @Override
            public byte[] certificate() {
                return new byte[] {0x30, 0x00};
            }

            @Override
            public CardVerifiableCertificate cardVerifiableCertificate() {
                return CardVerifiableCertificate.selfIssued((RSAPublicKey) signerKey.getPublic(), this::sign);
            }
        };
    }

    @Test
    void myNumberFileIsFf10WithTwelveAsciiDigits() {
        assertEquals("ff100c313233343536373839303138ffff", HexFormat.of().formatHex(files(Holder.sample()).myNumber()));
    }

    @Test
    void apBasicDataIsFf40PaddedTo256BytesNamingTheSignerKey() throws Exception {
        InputHelperFiles files = files(Holder.sample());
        byte[] ef = files.apBasicData();
        assertEquals(256, ef.length);
        assertEquals("ff401adf410401000000df4210", HexFormat.of().formatHex(Arrays.copyOf(ef, 13)));
        byte[] keyId = Arrays.copyOfRange(ef, 13, 29);
        assertArrayEquals(CardVerifiableCertificate.parse(files.signerCertificate()).subjectKeyId(), keyId,
                "DF 42 names the key of the card-verifiable certificate in EF 0004");
        assertEquals(568, files.signerCertificate().length);
        for (int i = 29; i < ef.length; i++) {
            assertEquals((byte) 0xFF, ef[i], "padding at " + i);
        }
    }

    @Test
    void attributesCarryAnOffsetTablePointingAtEachField() {
        byte[] ef = files(Holder.sample()).attributes();
        assertEquals(0xFF, ef[0] & 0xFF);
        assertEquals(0x20, ef[1] & 0xFF);
        int valueStart = ef[2] == (byte) 0x81 ? 4 : ef[2] == (byte) 0x82 ? 5 : 3;
        assertEquals(0xDF, ef[valueStart] & 0xFF);
        assertEquals(0x21, ef[valueStart + 1] & 0xFF);
        int[] expectedTags = {0x22, 0x23, 0x24, 0x25};
        for (int i = 0; i < 4; i++) {
            int offset = (ef[valueStart + 3 + 2 * i] & 0xFF) << 8 | ef[valueStart + 4 + 2 * i] & 0xFF;
            assertEquals(0xDF, ef[valueStart + offset] & 0xFF, "field " + i);
            assertEquals(expectedTags[i], ef[valueStart + offset + 1] & 0xFF, "field " + i);
        }
        String text = new String(ef, StandardCharsets.UTF_8);
        assertTrue(text.contains("番号　花子") && text.contains("東京都千代田区霞が関二丁目１番２号") && text.contains("19890331"), text);
    }

    @Test
    void signatureFileIs336BytesAndSignsBothHashes() throws Exception {
        InputHelperFiles files = files(Holder.sample());
        byte[] ef = files.signature();
        assertEquals(336, ef.length);
        assertEquals("ff3082014bdf3120", HexFormat.of().formatHex(ef, 0, 8));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(files.myNumber(), 15)), Arrays.copyOfRange(ef, 8, 40));
        byte[] attributes = files.attributes();
        int valueStart = attributes[2] == (byte) 0x81 ? 4 : attributes[2] == (byte) 0x82 ? 5 : 3;
        byte[] withoutOffsets = Arrays.copyOfRange(attributes, valueStart + 11, attributes.length);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(withoutOffsets), Arrays.copyOfRange(ef, 43, 75));
        assertEquals("df33820100", HexFormat.of().formatHex(ef, 75, 80));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(signerKey.getPublic());
        verifier.update(ef, 5, 70);
        assertTrue(verifier.verify(Arrays.copyOfRange(ef, 80, 336)));
    }

    @Test
    void longAddressesAndAsciiNumeralsAreStoredAsTheCardWritesThem() {
        String address = "北海道" + "あ".repeat(190) + "1-2-3";
        Holder holder = new Holder("髙橋　𠮷子", Holder.sample().birthDate(), Sex.NOT_APPLICABLE, address, MyNumber.parse("123456789018"),
                Holder.sample().cardExpiry(), "5678", "011002");
        String stored = new String(files(holder).attributes(), StandardCharsets.UTF_8);
        assertTrue(stored.contains("１-２-３"), "numerals full-width");
        assertTrue(stored.contains("髙橋　𠮷子"), "rare kanji kept");
    }

    @Test
    void printedDataKeysOfTheSampleHolder() {
        assertEquals("01033120345678", new String(PrintedDataKeys.pinB(Holder.sample()), StandardCharsets.US_ASCII));
        assertEquals("010331", new String(PrintedDataKeys.birthDateKey(Holder.sample()), StandardCharsets.US_ASCII));
        assertEquals("123456789018", new String(PrintedDataKeys.pinA(Holder.sample()), StandardCharsets.US_ASCII));
        assertEquals("301015", PrintedDataKeys.eraBirthDate(java.time.LocalDate.of(2018, 10, 15)));
        assertEquals("010501", PrintedDataKeys.eraBirthDate(java.time.LocalDate.of(2019, 5, 1)));
    }

    private static InputHelperFiles files(Holder holder) {
        return InputHelperFiles.of(holder, signer);
    }
}
