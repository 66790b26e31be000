package jp.mynacard.jlis.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every certificate that is suspended or revoked, in memory, so that OCSP answers them without the
 * database. Complete by construction: loaded at open, and each committed change is put here before
 * the writing call returns; on PostgreSQL the changes of other processes arrive through
 * {@link ChangeFeed}. A certificate never becomes good again, so an entry is never removed.
 */
final class NotGoodIndex {
    private final Map<CertificateKey, CertificateRecord> records = new ConcurrentHashMap<>();

    CertificateRecord get(CertificateKey key) {
        return records.get(key);
    }

    void put(CertificateRecord record) {
        if (record.state() == CertificateState.GOOD) {
            throw new IllegalArgumentException("a good certificate does not belong in the not-good index");
        }
        // the later change wins: a followed change may arrive after this process's own later one
        records.merge(new CertificateKey(record.usage(), record.serial()), record,
                (known, arriving) -> arriving.sequence() > known.sequence() ? arriving : known);
    }

    int size() {
        return records.size();
    }
}
