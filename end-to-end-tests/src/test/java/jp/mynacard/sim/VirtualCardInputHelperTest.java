package jp.mynacard.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardVerifiableCertificate;
import jp.mynacard.model.holder.Holder;
import org.junit.jupiter.api.Test;

/** An issued virtual card carries a personalized card-input-helper AP, signed by the centre. */
class VirtualCardInputHelperTest {
    private static final byte[] AID = CardApplication.INPUT_HELPER.aid();

    @Test
    void myNumberAndAttributesReadWithTheirPinsAndTheSignatureIsTheCentres() throws Exception {
        VirtualCard card = VirtualCard.issue(Holder.sample());
        try (ApduChannel channel = ApduChannel.open(card.terminal())) {
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AID)).getSW());
            assertEquals(0x6982, read(channel, 0x0001).getSW());
            select(channel, 0x0011);
            assertEquals(0x63C3, channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80)).getSW(), "PIN set, 3 tries");

            select(channel, 0x0015);
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80,
                    "01033120345678".getBytes(StandardCharsets.US_ASCII))).getSW(), "PIN-B from the printed data");
            byte[] attributes = read(channel, 0x0002).getData();
            assertTrue(new String(attributes, StandardCharsets.UTF_8).contains("番号　花子"));
            assertEquals(0x6982, read(channel, 0x0001).getSW(), "PIN-B does not open the My Number");

            select(channel, 0x0011);
            assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0x20, 0x00, 0x80, "1234".getBytes(StandardCharsets.US_ASCII))).getSW());
            assertEquals("ff100c313233343536373839303138ffff", HexFormat.of().formatHex(read(channel, 0x0001).getData()));

            byte[] signatureFile = read(channel, 0x0003).getData();
            assertEquals(336, signatureFile.length);
            CardVerifiableCertificate signer = CardVerifiableCertificate.parse(read(channel, 0x0004).getData());
            assertTrue(signer.isSelfIssuedFor(VirtualCard.testCentre().administration().authorityCertificate("card-data").getPublicKey()),
                    "EF 0004: the centre's card-data signer, as a card-verifiable certificate");
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(signer.publicKey());
            verifier.update(signatureFile, 5, 70);
            assertTrue(verifier.verify(Arrays.copyOfRange(signatureFile, 80, 336)));
        }
    }

    private static void select(ApduChannel channel, int fid) {
        assertEquals(0x9000, channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {(byte) (fid >> 8), (byte) fid})).getSW());
    }

    private static javax.smartcardio.ResponseAPDU read(ApduChannel channel, int fid) {
        select(channel, fid);
        return channel.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 65536));
    }
}
