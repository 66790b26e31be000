package jp.mynacard.jlis.crl;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.RegistryWithoutPhones;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevokedEntry;
/**
 * A registry of {@code count} revoked certificates that exist only while they are listed: each
 * entry is made from its index, so a million of them cost no memory and every pass sees the same.
 */
final class SyntheticRevocationRegistry implements RegistryWithoutPhones {
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final RevocationReason[] REASONS = RevocationReason.values();

    private final int count;
    private long crlNumber;

    SyntheticRevocationRegistry(int count) {
        this.count = count;
    }

    /** The entry of index {@code i}: 64-bit serials like the CA's, every third with an invalidity date. */
    static RevokedEntry entry(int i) {
        BigInteger serial = BigInteger.valueOf(i * 0x9E3779B97F4A7C15L & Long.MAX_VALUE).setBit(63);
        Instant revokedAt = FIRST.plusSeconds(i * 17L);
        Instant invalidity = i % 3 == 0 ? revokedAt.minus(Duration.ofHours(2)) : null;
        return new RevokedEntry(serial, revokedAt, REASONS[i % REASONS.length], invalidity);
    }

    @Override
    public void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries) {
        for (int i = (int) after; i < Math.min(count, upTo); i++) {
            entries.accept(entry(i));
        }
    }

    @Override
    public long currentSequence() {
        return count;
    }

    @Override
    public synchronized BigInteger nextCrlNumber(CertificateUsage usage) {
        return BigInteger.valueOf(++crlNumber);
    }

    @Override
    public CertificateRecord recordIssued(CertificateUsage usage, BigInteger serial, Instant notAfter, byte[] der) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CertificateRecord revoke(CertificateUsage usage, BigInteger serial, RevocationReason reason, Instant at,
            Instant invalidityDate) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CertificateRecord> find(CertificateUsage usage, BigInteger serial) {
        return Optional.empty();
    }

    @Override
    public List<CertificateRecord> findByPublicKey(String publicKeySha256) {
        return List.of();
    }

    @Override
    public Optional<byte[]> certificate(CertificateUsage usage, BigInteger serial) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
