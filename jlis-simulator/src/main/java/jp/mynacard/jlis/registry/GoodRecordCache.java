package jp.mynacard.jlis.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently asked-for GOOD records, so that a client polling OCSP for its own certificate
 * does not cost a query each time. Only a hint: {@link NotGoodIndex} is consulted first, so a
 * record left here after its certificate was revoked is never answered.
 */
final class GoodRecordCache {
    private final Map<CertificateKey, CertificateRecord> records;

    GoodRecordCache(int capacity) {
        // access order: evicts the least recently used
        this.records = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CertificateKey, CertificateRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized CertificateRecord get(CertificateKey key) {
        return records.get(key);
    }

    synchronized void put(CertificateRecord record) {
        if (record.state() == CertificateState.GOOD) {
            records.put(new CertificateKey(record.usage(), record.serial()), record);
        }
    }

    synchronized void remove(CertificateKey key) {
        records.remove(key);
    }
}
