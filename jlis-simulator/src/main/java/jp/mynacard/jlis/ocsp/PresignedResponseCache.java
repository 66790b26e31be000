package jp.mynacard.jlis.ocsp;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Pre-signed responses for single-CertID requests without nonce (RFC 5019 §2.1), so that the
 * common request costs a registry lookup instead of an RSA signature.
 *
 * <p>The key includes the record's change sequence: when a certificate is suspended or revoked its
 * sequence changes, the old entry is never looked up again, and the very next request is signed
 * afresh with the new status. The CertID's hash algorithm is in the key because the response must
 * repeat the CertID as asked. An entry is used only during the first half of its validity window,
 * so clients never receive a response that is about to expire. Least recently used entries are
 * dropped beyond {@code maxEntries}, which bounds memory (a response is about 1.5 KB).
 */
final class PresignedResponseCache {
    /** {@code issuerKey} tells the CA's generations apart: each answers with its own responder. */
    record Key(CertificateUsage usage, int issuerKey, BigInteger serial, long sequence, AlgorithmIdentifier hashAlgorithm) {
    }

    private record Entry(byte[] der, Instant reuseUntil) {
    }

    private final Map<Key, Entry> entries;
    private final Duration reusePeriod;

    PresignedResponseCache(int maxEntries, Duration responseValidity) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("cache size must not be negative: " + maxEntries);
        }
        this.reusePeriod = responseValidity.dividedBy(2);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The response signed at {@code signedAt} for that key, if less than half its validity has passed by {@code now}. */
    synchronized Optional<byte[]> find(Key key, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.reuseUntil())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.der());
    }

    synchronized void put(Key key, byte[] der, Instant signedAt) {
        entries.put(key, new Entry(der, signedAt.plus(reusePeriod)));
    }

    synchronized int size() {
        return entries.size();
    }
}
