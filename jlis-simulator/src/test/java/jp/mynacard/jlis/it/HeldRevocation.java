package jp.mynacard.jlis.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A revocation the centre is still receiving: its headers and all of its body but the last byte
 * are sent, so the centre holds the request open and cannot answer it. Sent just before a kill,
 * it is a request in flight at the kill whatever the machine's load (an ordinary request may be
 * answered between the decision to kill and the kill itself).
 */
final class HeldRevocation implements AutoCloseable {
    /** After a kill the connection ends at once; still open after this, the centre was not killed. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(30);

    private final Socket socket;
    private final String serial;

    private HeldRevocation(Socket socket, String serial) {
        this.socket = socket;
        this.serial = serial;
    }

    /**
     * Opens a connection to the centre and sends the revocation of {@code serial}, with the admin
     * {@code token} (checked before the body is read), all but its last byte.
     */
    static HeldRevocation send(URI centre, String token, String serial) throws IOException {
        byte[] body = "{\"reason\":\"keyCompromise\"}".getBytes(StandardCharsets.US_ASCII);
        String head = "POST " + centre.resolve("admin/certificates/" + serial + "/revoke").getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + centre.getHost() + ":" + centre.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        Socket socket = new Socket(centre.getHost(), centre.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length - 1);
        out.flush();
        return new HeldRevocation(socket, serial);
    }

    String serial() {
        return serial;
    }

    /**
     * Whatever the centre sent back on this connection until it closed: empty when it died with the
     * request unanswered.
     */
    String answer() throws IOException {
        socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketException e) {
            return ""; // reset by the dying process: no answer either
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
