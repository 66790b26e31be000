package jp.mynacard.host.card;

import java.io.ByteArrayOutputStream;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * ISO 7816-4's two answers that mean "ask again" (jcardsim's channel follows neither): 6Cxx, sent
 * again with Le = xx, and 61xx, followed by GET RESPONSE until the data is all there.
 */
public final class GetResponseTransport implements ApduTransport {
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final int SW1_WRONG_LE = 0x6C;
    private static final int SW1_MORE_DATA = 0x61;
    private static final int LE_256 = 256;

    private final ApduTransport next;

    public GetResponseTransport(ApduTransport next) {
        this.next = next;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) {
        ResponseAPDU response = next.transmit(command);
        if (response.getSW1() == SW1_WRONG_LE) {
            response = next.transmit(withLe(command, response.getSW2() == 0 ? LE_256 : response.getSW2()));
        }
        if (response.getSW1() != SW1_MORE_DATA) {
            return response;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(response.getData());
        while (response.getSW1() == SW1_MORE_DATA) {
            int le = response.getSW2() == 0 ? LE_256 : response.getSW2();
            // the class byte's proprietary bit stays; channel and secure-messaging bits do not apply
            response = next.transmit(new CommandAPDU(command.getCLA() & 0x80, INS_GET_RESPONSE, 0, 0, le));
            data.writeBytes(response.getData());
        }
        data.write(response.getSW1());
        data.write(response.getSW2());
        return new ResponseAPDU(data.toByteArray());
    }

    private static CommandAPDU withLe(CommandAPDU command, int le) {
        return command.getNc() == 0
                ? new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), le)
                : new CommandAPDU(command.getCLA(), command.getINS(), command.getP1(), command.getP2(), command.getData(), le);
    }
}
