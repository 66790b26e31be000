package jp.mynacard.jlis.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.time.Instant;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.junit.jupiter.api.Test;

class GoodRecordCacheTest {
    private static CertificateRecord good(long serial) {
        return new CertificateRecord(CertificateUsage.SIGNATURE, BigInteger.valueOf(serial), CertificateState.GOOD,
                null, null, null, Instant.EPOCH, serial);
    }

    private static CertificateKey key(long serial) {
        return new CertificateKey(CertificateUsage.SIGNATURE, BigInteger.valueOf(serial));
    }

    @Test
    void keepsTheMostRecentlyUsedWithinItsCapacity() {
        GoodRecordCache cache = new GoodRecordCache(2);
        cache.put(good(1));
        cache.put(good(2));
        cache.get(key(1));
        cache.put(good(3));

        assertEquals(good(1), cache.get(key(1)));
        assertNull(cache.get(key(2)), "the least recently used is evicted");
        assertEquals(good(3), cache.get(key(3)));
    }

    @Test
    void holdsOnlyGoodRecords() {
        GoodRecordCache cache = new GoodRecordCache(10);
        cache.put(new CertificateRecord(CertificateUsage.SIGNATURE, BigInteger.ONE, CertificateState.SUSPENDED,
                RevocationReason.CERTIFICATE_HOLD, Instant.EPOCH, null, Instant.EPOCH, 2));

        assertNull(cache.get(key(1)));
    }
}
