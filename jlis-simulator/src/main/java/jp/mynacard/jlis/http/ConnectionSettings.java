package jp.mynacard.jlis.http;

import java.time.Duration;

/**
 * How long a connection may sit idle, and how large a request's head may be.
 *
 * @param idleTimeout    a connection with nothing received or sent for this long is closed,
 *                       unless an endpoint is still answering on it (30 s, as the JDK server's idleInterval)
 * @param maxRequestLine the longest request line: an OCSP GET of the largest request the endpoint
 *                       decodes fits, anything longer is a 414
 * @param maxHeaderBytes the most header bytes of one request; more is a 431
 */
record ConnectionSettings(Duration idleTimeout, int maxRequestLine, int maxHeaderBytes) {
    static final ConnectionSettings DEFAULT = new ConnectionSettings(Duration.ofSeconds(30),
            OcspEndpoint.PATH.length() + 1 + OcspEndpoint.MAX_ENCODED_LENGTH + 1024, 16 * 1024);

    ConnectionSettings withIdleTimeout(Duration timeout) {
        return new ConnectionSettings(timeout, maxRequestLine, maxHeaderBytes);
    }
}
