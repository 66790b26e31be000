package jp.mynacard.host.card;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** Counts the commands that reached the card and the bytes each way (command APDUs, responses with SW). */
public final class CountingTransport implements ApduTransport {
    private final ApduTransport next;
    private int commandCount;
    private long bytesSent;
    private long bytesReceived;

    public CountingTransport(ApduTransport next) {
        this.next = next;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) {
        ResponseAPDU response = next.transmit(command);
        commandCount++;
        bytesSent += command.getBytes().length;
        bytesReceived += response.getBytes().length;
        return response;
    }

    public int commandCount() {
        return commandCount;
    }

    public long bytesSent() {
        return bytesSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }
}
