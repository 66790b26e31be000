package jp.mynacard.jlis.crl;

import java.util.function.Consumer;

/**
 * The DER revokedCertificates entries of one CRL, streamed: {@link CrlWriter} asks twice (to add
 * up their length, then to write them), and both passes must give the same bytes in total.
 */
@FunctionalInterface
public interface CrlEntrySource {
    /** A CRL that lists nothing. */
    CrlEntrySource NONE = (after, upTo, entries) -> { };

    /** The entries of certificates whose latest change in (after, upTo] left them revoked or suspended. */
    void forEach(long after, long upTo, Consumer<byte[]> entries);
}
