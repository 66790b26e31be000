package jp.mynacard.host.jpki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.NotJpkiCardException;
import jp.mynacard.host.card.PinBlockedException;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.card.WrongPinException;
import jp.mynacard.host.fake.FakeJpkiCard;
import jp.mynacard.model.card.InvalidPinFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpkiCardTest {
    private static final HexFormat HEX = HexFormat.of();
    private FakeJpkiCard fake;
    private JpkiCard card;

    @BeforeEach
    void open() {
        fake = new FakeJpkiCard();
        card = JpkiCard.over(ApduChannel.over(fake));
    }

    @Test
    void opensWithTheSpecifiedSelectApdu() {
        assertEquals("00a4040c0ad392f000260100000001", HEX.formatHex(fake.commands.get(0).getBytes()));
    }

    @Test
    void refusesACardWithoutTheJpkiAp() {
        FakeJpkiCard other = new FakeJpkiCard();
        other.aid = new byte[] {(byte) 0xD3, (byte) 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08};
        NotJpkiCardException e = assertThrows(NotJpkiCardException.class, () -> JpkiCard.over(ApduChannel.over(other)));
        assertEquals(0x6A82, e.statusWord());
    }

    @Test
    void openConnectsThroughTheTerminalAndCloseDisconnects() {
        FakeJpkiCard inReader = new FakeJpkiCard();
        try (JpkiCard opened = JpkiCard.open(new jp.mynacard.host.fake.FakeTerminal("Fake 00 00", inReader))) {
            assertEquals(3, opened.pinTriesLeft(JpkiKey.AUTH));
            assertEquals(0, inReader.disconnects);
        }
        assertEquals(1, inReader.disconnects);
    }

    @Test
    void openReleasesTheCardWhenItIsNotJpki() {
        FakeJpkiCard other = new FakeJpkiCard();
        other.aid = new byte[] {1, 2, 3, 4, 5};
        assertThrows(NotJpkiCardException.class, () -> JpkiCard.open(new jp.mynacard.host.fake.FakeTerminal("Fake", other)));
        assertEquals(1, other.disconnects);
    }

    @Test
    void readsACertificateInOneExtendedReadBinary() {
        byte[] der = card.readCertificate(JpkiCertificate.AUTH);
        assertArrayEquals(FakeJpkiCard.testCertificate(), der);
        List<CommandAPDU> reads = fake.commands.stream().filter(c -> c.getINS() == 0xB0).toList();
        assertEquals(1, reads.size());
        assertEquals("00b00000000000", HEX.formatHex(reads.get(0).getBytes()));
        assertEquals("00a4020c02000a", HEX.formatHex(fake.commands.get(1).getBytes()));
    }

    @Test
    void fallsBackToShortReadsWhenExtendedLengthIsRefused() {
        fake.extendedLength = false;
        byte[] der = card.readCertificate(JpkiCertificate.AUTH_CA);
        assertArrayEquals(FakeJpkiCard.testCertificate(), der);
        List<CommandAPDU> reads = fake.commands.stream().filter(c -> c.getINS() == 0xB0).toList();
        int size = der.length; // 771: 256 + 256 + 256 + 3
        assertEquals(1 + (size + 255) / 256, reads.size());
        assertEquals(0x0300, (reads.get(4).getP1() << 8) | reads.get(4).getP2());
        assertEquals(size - 768, reads.get(4).getNe());
    }

    @Test
    void continuesWithShortReadsWhenTheExtendedReadReturnsLess() {
        fake.extendedChunk = 500;
        byte[] der = card.readCertificate(JpkiCertificate.SIGN_CA);
        assertArrayEquals(FakeJpkiCard.testCertificate(), der);
        List<CommandAPDU> reads = fake.commands.stream().filter(c -> c.getINS() == 0xB0).toList();
        assertEquals(3, reads.size()); // 500, then 256 and 15 from offsets 500 and 756
        assertEquals(500, (reads.get(1).getP1() << 8) | reads.get(1).getP2());
    }

    @Test
    void signCertificateNeedsTheSignPin() {
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card.readCertificate(JpkiCertificate.SIGN));
        card.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
        assertEquals("CN=test", card.certificate(JpkiCertificate.SIGN).getSubjectX500Principal().getName());
    }

    @Test
    void readsTriesLeftWithAnEmptyVerify() {
        fake.setTries(FakeJpkiCard.SIGN_PIN, 4);
        assertEquals(4, card.pinTriesLeft(JpkiKey.SIGN));
        assertEquals(3, card.pinTriesLeft(JpkiKey.AUTH));
        assertEquals("00200080", HEX.formatHex(fake.commands.get(fake.commands.size() - 1).getBytes()));
        assertEquals("00a4020c020018", HEX.formatHex(fake.commands.get(fake.commands.size() - 2).getBytes()));
    }

    @Test
    void wrongPinReportsTriesLeftThenBlocks() {
        WrongPinException first = assertThrows(WrongPinException.class, () -> card.verifyPin(JpkiKey.AUTH, "0000".toCharArray()));
        assertEquals(2, first.triesLeft());
        assertEquals(0x63C2, first.statusWord());
        assertEquals(1, assertThrows(WrongPinException.class, () -> card.verifyPin(JpkiKey.AUTH, "0000".toCharArray())).triesLeft());
        PinBlockedException last = assertThrows(PinBlockedException.class, () -> card.verifyPin(JpkiKey.AUTH, "0000".toCharArray()));
        assertEquals(0x63C0, last.statusWord());
        // blocked: even the right PIN is refused with 6984, as the real card does
        PinBlockedException after = assertThrows(PinBlockedException.class, () -> card.verifyPin(JpkiKey.AUTH, "1234".toCharArray()));
        assertEquals(0x6984, after.statusWord());
        assertEquals(0, card.pinTriesLeft(JpkiKey.AUTH));
    }

    @Test
    void rightPinRestoresTheCounter() {
        fake.setTries(FakeJpkiCard.AUTH_PIN, 1);
        card.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
        assertEquals(3, fake.tries(FakeJpkiCard.AUTH_PIN));
    }

    @Test
    void malformedPinIsRejectedWithoutSendingAnything() {
        int before = fake.commands.size();
        for (String bad : new String[] {"123", "12345", "12a4", ""}) {
            InvalidPinFormatException e = assertThrows(InvalidPinFormatException.class,
                    () -> card.verifyPin(JpkiKey.AUTH, bad.toCharArray()));
            assertFalse(!bad.isEmpty() && e.getMessage().contains(bad), "message must not contain the PIN");
        }
        for (String bad : new String[] {"ABC12", "abcdef12", "ABCDEFGHIJKLMNOPQ", "ABCD-EF12"}) {
            assertThrows(InvalidPinFormatException.class, () -> card.verifyPin(JpkiKey.SIGN, bad.toCharArray()));
        }
        assertEquals(before, fake.commands.size());
        assertEquals(3, fake.tries(FakeJpkiCard.AUTH_PIN));
    }

    @Test
    void changesThePinAfterVerifyingTheOldOne() {
        card.changePin(JpkiKey.SIGN, "ABCDEF12".toCharArray(), "NEWPIN99".toCharArray());
        assertEquals("NEWPIN99", fake.pin(FakeJpkiCard.SIGN_PIN));
        CommandAPDU change = fake.commands.get(fake.commands.size() - 1);
        assertEquals("0024018008" + HEX.formatHex("NEWPIN99".getBytes(StandardCharsets.US_ASCII)), HEX.formatHex(change.getBytes()));
        assertThrows(InvalidPinFormatException.class,
                () -> card.changePin(JpkiKey.SIGN, "NEWPIN99".toCharArray(), "short".toCharArray()));
        assertEquals("NEWPIN99", fake.pin(FakeJpkiCard.SIGN_PIN));
    }

    @Test
    void signingNeedsThePin() {
        byte[] hash = DigestAlgorithm.SHA256.digest(new byte[] {1});
        assertThrows(SecurityStatusNotSatisfiedException.class, () -> card.signHash(JpkiKey.AUTH, DigestAlgorithm.SHA256, hash));
    }

    @Test
    void signsWithTheCardKeyVerifiableByTheJdk() throws Exception {
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        for (DigestAlgorithm alg : DigestAlgorithm.values()) {
            card.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
            byte[] signature = card.sign(JpkiKey.SIGN, alg, message);
            assertEquals(256, signature.length);
            Signature verifier = Signature.getInstance(alg.jcaSignatureName());
            verifier.initVerify(fake.signKey().getPublic());
            verifier.update(message);
            assertTrue(verifier.verify(signature), alg.name());
        }
        CommandAPDU last = fake.commands.get(fake.commands.size() - 1);
        assertEquals(0x80, last.getCLA());
        assertEquals(0x2A, last.getINS());
        assertEquals(256, last.getNe());
        assertEquals("00a4020c02001a", HEX.formatHex(fake.commands.get(fake.commands.size() - 2).getBytes()));
    }

    @Test
    void unexpectedStatusWordIsDescribed() {
        fake.extendedLength = true;
        // READ BINARY without an EF: the fake's AP answers 6986 only when nothing readable is selected
        card.pinTriesLeft(JpkiKey.AUTH); // selects a PIN EF, which READ BINARY cannot read
        CardCommandException e = assertThrows(CardCommandException.class,
                () -> new jp.mynacard.host.card.TlvFileReader(card.channel(), "PIN EF").read(0x30));
        assertEquals(0x6986, e.statusWord());
        assertTrue(e.getMessage().contains("6986 (command not allowed)"), e.getMessage());
    }
}
