package jp.mynacard.jlis.ocsp;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.jlis.registry.InvalidTransitionException;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevocationRegistry;
import jp.mynacard.jlis.registry.RevokedEntry;
import jp.mynacard.jlis.registry.UnknownCertificateException;

/** Just enough registry for the responder's tests: records in a map, one sequence, no durability. */
final class InMemoryRevocationRegistry implements RevocationRegistry {
    private record Key(CertificateUsage usage, BigInteger serial) {
    }

    private final Map<Key, CertificateRecord> records = new HashMap<>();
    private final Map<Key, byte[]> certificates = new HashMap<>();
    private long sequence;
    private int crlNumber;
    /** Lets a test make the registry fail like a database that went away. */
    volatile boolean broken;
    final AtomicInteger lookups = new AtomicInteger();

    @Override
    public synchronized CertificateRecord recordIssued(CertificateUsage usage, BigInteger serial, Instant notAfter, byte[] der) {
        CertificateRecord record = new CertificateRecord(usage, serial, CertificateState.GOOD, null, null, null, notAfter, ++sequence);
        records.put(new Key(usage, serial), record);
        certificates.put(new Key(usage, serial), der.clone());
        return record;
    }

    @Override
    public synchronized CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at) {
        CertificateRecord old = existing(usage, serial);
        if (old.state() != CertificateState.GOOD) {
            throw new InvalidTransitionException("not good");
        }
        return store(new CertificateRecord(usage, serial, CertificateState.SUSPENDED, RevocationReason.CERTIFICATE_HOLD,
                at, null, old.notAfter(), ++sequence));
    }

    @Override
    public synchronized CertificateRecord revoke(CertificateUsage usage, BigInteger serial, RevocationReason reason,
            Instant at, Instant invalidityDate) {
        CertificateRecord old = existing(usage, serial);
        if (old.state() == CertificateState.REVOKED) {
            throw new InvalidTransitionException("already revoked");
        }
        return store(new CertificateRecord(usage, serial, CertificateState.REVOKED, reason, at, invalidityDate,
                old.notAfter(), ++sequence));
    }

    @Override
    public synchronized Optional<CertificateRecord> find(CertificateUsage usage, BigInteger serial) {
        lookups.incrementAndGet();
        if (broken) {
            throw new IllegalStateException("registry database unreachable");
        }
        return Optional.ofNullable(records.get(new Key(usage, serial)));
    }

    @Override
    public List<CertificateRecord> findByPublicKey(String publicKeySha256) {
        return List.of(); // the responder never looks certificates up by key
    }

    @Override
    public synchronized Optional<byte[]> certificate(CertificateUsage usage, BigInteger serial) {
        return Optional.ofNullable(certificates.get(new Key(usage, serial))).map(byte[]::clone);
    }

    @Override
    public synchronized long currentSequence() {
        return sequence;
    }

    @Override
    public synchronized void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries) {
        records.values().stream()
                .filter(r -> r.usage() == usage && r.state() != CertificateState.GOOD)
                .filter(r -> r.sequence() > after && r.sequence() <= upTo)
                .forEach(r -> entries.accept(new RevokedEntry(r.serial(), r.revokedAt(), r.reason(), r.invalidityDate())));
    }

    @Override
    public synchronized BigInteger nextCrlNumber(CertificateUsage usage) {
        return BigInteger.valueOf(++crlNumber);
    }

    @Override
    public void close() {
    }

    private CertificateRecord existing(CertificateUsage usage, BigInteger serial) {
        CertificateRecord record = records.get(new Key(usage, serial));
        if (record == null) {
            throw new UnknownCertificateException(usage, serial);
        }
        return record;
    }

    private CertificateRecord store(CertificateRecord record) {
        records.put(new Key(record.usage(), record.serial()), record);
        return record;
    }
}
