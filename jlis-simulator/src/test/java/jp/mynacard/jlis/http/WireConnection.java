package jp.mynacard.jlis.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TCP connection to a server, written and read byte for byte: what the JDK's HTTP client
 * would not send (pipelined requests, HTTP/1.0, oversized heads, half a body) and what it would
 * hide (whether the server closed the connection).
 */
final class WireConnection implements AutoCloseable {
    /** The longest any single wait here may take before the test fails: a safety net, not a pause. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header's value (any case), or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WireConnection(URI server) throws IOException {
        this(server, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes, 0 for the system's */
    WireConnection(URI server, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(server.getHost(), server.getPort()), (int) PATIENCE.toMillis());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    WireConnection send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    WireConnection send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** An HTTP/1.1 POST with a body, kept alive. */
    static String post(String path, String contentType, byte[] body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** The next response; its body by Content-Length (none after a HEAD). */
    Response read() throws IOException {
        return read(false);
    }

    Response readHead() throws IOException {
        return read(true);
    }

    private Response read(boolean toHead) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + statusLine);
        }
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(parts[1]);
        String length = headers.get("content-length");
        byte[] body = toHead || status < 200 || length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Response(status, headers, body);
    }

    /** Reads everything the server still sends; true when it then closed the connection. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException e) {
            return true; // reset: closed too
        }
    }

    /** Reads exactly {@code length} bytes of a body (a large one, read late). */
    byte[] readBody(long length) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (long left = length; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the body ended after " + (length - left) + " of " + length + " bytes");
            }
            body.write(buffer, 0, n);
            left -= n;
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** Goes away without a word: the connection is reset, as by a client that crashed. */
    void vanish() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
