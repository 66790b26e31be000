package jp.mynacard.jlis.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: a status, a content type, more headers if any, and a body that is
 * either bytes or an open file (a CRL, sent from disk without passing through the heap).
 */
final class CentreResponse {
    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final byte[] bytes;
    private final FileChannel file;
    private final long fileLength;

    private CentreResponse(int status, String contentType, Map<String, String> headers, byte[] bytes, FileChannel file,
                           long fileLength) {
        this.status = status;
        this.contentType = contentType;
        this.headers = headers;
        this.bytes = bytes;
        this.file = file;
        this.fileLength = fileLength;
    }

    static CentreResponse of(int status, String contentType, byte[] body) {
        return new CentreResponse(status, contentType, Map.of(), body, null, 0);
    }

    static CentreResponse text(int status, String message) {
        return of(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The whole of an open file, which the response now owns (and closes once sent). */
    static CentreResponse file(String contentType, FileChannel file) throws IOException {
        return new CentreResponse(200, contentType, Map.of(), null, file, file.size());
    }

    /** This response with more headers (a 401's challenge). */
    CentreResponse withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new CentreResponse(status, contentType, Map.copyOf(all), bytes, file, fileLength);
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    Map<String, String> headers() {
        return headers;
    }

    long contentLength() {
        return file == null ? bytes.length : fileLength;
    }

    boolean isFile() {
        return file != null;
    }

    /** The bytes of a response that is not a file. */
    byte[] bytes() {
        return bytes;
    }

    /** The open file of a file response. */
    FileChannel file() {
        return file;
    }

    /** Closes the file of a response that will not be sent (a HEAD, a connection gone). */
    void discard() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
