package jp.mynacard.jlis.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client for OCSP POSTs over one socket, the same code against every server:
 * it asks for keep-alive, reuses the connection while the server allows it (HTTP/1.1 without
 * {@code Connection: close}, or HTTP/1.0 with {@code Connection: keep-alive}) and otherwise
 * reconnects for the next request. The JDK's HttpClient would cost the client more CPU than the
 * server on a 2-core machine; this costs one write and a few reads per request.
 */
final class HttpOcspClient implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress address;
    private final byte[] head;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Connections opened, for the report (one per request against a server that closes). */
    long connections;

    HttpOcspClient(InetSocketAddress address, String path) {
        this.address = address;
        this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nContent-Type: application/ocsp-request\r\nAccept: application/ocsp-response"
                + "\r\nConnection: keep-alive\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    record Response(int status, byte[] body) {
    }

    /**
     * Sends one request and reads the whole response. A reused connection that the server closed
     * meanwhile (nothing read back) is retried once on a new one; any other failure is thrown.
     */
    Response post(byte[] body) throws IOException {
        byte[] request = request(body);
        boolean reused = socket != null;
        if (!reused) {
            connect();
        }
        try {
            return exchange(request);
        } catch (StaleConnectionException e) {
            if (!reused) {
                throw new IOException("the server closed a new connection without answering", e);
            }
            disconnect();
            connect();
            return exchange(request);
        }
    }

    private byte[] request(byte[] body) {
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + length.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        return request;
    }

    private Response exchange(byte[] request) throws IOException {
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            throw new StaleConnectionException(e);
        }
        String statusLine = line(true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        boolean http10 = parts[0].equals("HTTP/1.0");
        int status = Integer.parseInt(parts[1]);
        int length = -1;
        boolean close = http10;
        for (String header; !(header = line(false)).isEmpty(); ) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close") || (http10 && !value.equalsIgnoreCase("keep-alive"));
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IOException("chunked responses are not expected from an OCSP responder");
            }
        }
        byte[] body;
        if (length >= 0) {
            body = in.readNBytes(length);
            if (body.length != length) {
                throw new EOFException("response body cut short: " + body.length + " of " + length + " bytes");
            }
        } else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) {
            disconnect();
        }
        return new Response(status, body);
    }

    /** One header line without its CRLF; at the status line, end of stream means a stale connection. */
    private String line(boolean first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (IOException e) {
                if (first && line.length() == 0) {
                    throw new StaleConnectionException(e);
                }
                throw e;
            }
            if (c < 0) {
                if (first && line.length() == 0) {
                    throw new StaleConnectionException(new EOFException("closed before the status line"));
                }
                throw new EOFException("response cut short in the headers");
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.connect(address, CONNECT_TIMEOUT_MILLIS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
        connections++;
    }

    void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
            socket = null;
            in = null;
            out = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(Throwable cause) {
            super(cause);
        }
    }
}
