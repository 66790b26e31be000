package jp.mynacard.sim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The card end of vsmartcard's vpcd protocol: pcscd's vpcd driver listens, the card connects.
 * Every message is a 2-byte big-endian length and a payload; a 1-byte payload is a control
 * code (power off, power on, reset, ATR request), anything longer is an APDU to answer.
 */
final class VpcdConnection implements AutoCloseable {
    static final int CONTROL_POWER_OFF = 0x00;
    static final int CONTROL_POWER_ON = 0x01;
    static final int CONTROL_RESET = 0x02;
    static final int CONTROL_ATR = 0x04;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private VpcdConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects, retrying until the deadline: vpcd accepts a new card only a moment after the last one left. */
    static VpcdConnection connect(String host, int port, long deadlineNanos) throws IOException, InterruptedException {
        while (true) {
            try {
                return connect(host, port);
            } catch (IOException e) {
                if (System.nanoTime() > deadlineNanos) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    static VpcdConnection connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return new VpcdConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** What the card does with the next APDU: answer it, or one of the faults a test injects. */
    enum Fault {
        NONE,
        /** Taken out of the reader: the APDU goes unanswered and the connection is to be closed. */
        PULL,
        /** Stops answering, still in the reader: nothing more is answered until the reader hangs up. */
        HOLD
    }

    /** Decides, before each APDU, whether a fault strikes; {@code answered} APDUs were answered on this connection. */
    interface FaultPlan {
        Fault before(long answered);
    }

    /**
     * Answers the reader with whatever card the slot holds at each moment (a feeder changes it on
     * reset) until the reader hangs up (false) or {@code faults} pulls the card (true: the caller
     * closes the connection, which vpcd sees as the card leaving mid-command); a broken connection
     * throws; trace may be null. The card answers {@code atr} to the ATR request. pcscd asks for the ATR once it has seen the card: from then on,
     * PC/SC clients see it too.
     */
    boolean serve(ReaderSlot slot, CardAtr atr, ApduTrace trace, Runnable onAtrRead, FaultPlan faults) throws IOException {
        long answered = 0;
        boolean holding = false;
        while (true) {
            byte[] message;
            try {
                message = new byte[in.readUnsignedShort()];
                in.readFully(message);
            } catch (EOFException e) {
                return false;
            }
            if (holding) {
                continue; // a card that stopped answering: the reader's messages go nowhere
            }
            if (message.length == 1) {
                control(slot, atr, message[0] & 0xFF);
                if ((message[0] & 0xFF) == CONTROL_ATR) {
                    onAtrRead.run();
                }
            } else if (message.length > 1) {
                Fault fault = faults.before(answered);
                if (fault == Fault.PULL) {
                    return true;
                }
                if (fault == Fault.HOLD) {
                    holding = true;
                    continue;
                }
                answered++;
                byte[] response = slot.card().transmit(message);
                if (trace != null) {
                    trace.exchange(message, response);
                }
                send(response);
            }
        }
    }

    private void control(ReaderSlot slot, CardAtr atr, int code) throws IOException {
        switch (code) {
            case CONTROL_POWER_OFF, CONTROL_POWER_ON, CONTROL_RESET -> slot.reset();
            case CONTROL_ATR -> send(atr.bytes());
            default -> {
                // vpcd defines no other codes; ignoring one is what a card does with noise on the line
            }
        }
    }

    private void send(byte[] payload) throws IOException {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
