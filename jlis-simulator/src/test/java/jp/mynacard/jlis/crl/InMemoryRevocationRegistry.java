package jp.mynacard.jlis.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevocationRegistry;
import jp.mynacard.jlis.registry.RevokedEntry;

/**
 * A registry kept in memory for the CRL tests: every change of every certificate is kept so that
 * {@link #forEachRevoked} can answer for any window as the contract says. Transition rules are
 * not enforced; the real registries are tested elsewhere.
 */
class InMemoryRevocationRegistry implements RevocationRegistry {
    private final Map<CertificateUsage, Map<BigInteger, List<CertificateRecord>>> histories = new EnumMap<>(CertificateUsage.class);
    private final Map<CertificateUsage, BigInteger> crlNumbers = new EnumMap<>(CertificateUsage.class);
    private long sequence;

    InMemoryRevocationRegistry() {
        for (CertificateUsage usage : CertificateUsage.values()) {
            histories.put(usage, new LinkedHashMap<>());
            crlNumbers.put(usage, BigInteger.ZERO);
        }
    }

    @Override
    public synchronized CertificateRecord recordIssued(CertificateUsage usage, BigInteger serial, Instant notAfter, byte[] der) {
        return change(new CertificateRecord(usage, serial, CertificateState.GOOD, null, null, null, notAfter, ++sequence));
    }

    @Override
    public synchronized CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at) {
        return change(new CertificateRecord(usage, serial, CertificateState.SUSPENDED, RevocationReason.CERTIFICATE_HOLD,
                at, null, notAfter(usage, serial), ++sequence));
    }

    @Override
    public synchronized CertificateRecord revoke(CertificateUsage usage, BigInteger serial, RevocationReason reason,
            Instant at, Instant invalidityDate) {
        return change(new CertificateRecord(usage, serial, CertificateState.REVOKED, reason, at, invalidityDate,
                notAfter(usage, serial), ++sequence));
    }

    @Override
    public synchronized Optional<CertificateRecord> find(CertificateUsage usage, BigInteger serial) {
        List<CertificateRecord> history = histories.get(usage).get(serial);
        return history == null ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    @Override
    public List<CertificateRecord> findByPublicKey(String publicKeySha256) {
        return List.of(); // keeps no DER, so no keys
    }

    @Override
    public Optional<byte[]> certificate(CertificateUsage usage, BigInteger serial) {
        return Optional.empty();
    }

    @Override
    public synchronized long currentSequence() {
        return sequence;
    }

    @Override
    public synchronized void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries) {
        for (List<CertificateRecord> history : histories.get(usage).values()) {
            CertificateRecord latest = null;
            for (CertificateRecord record : history) {
                if (record.sequence() <= upTo) {
                    latest = record;
                }
            }
            if (latest != null && latest.sequence() > after && latest.state() != CertificateState.GOOD) {
                entries.accept(new RevokedEntry(latest.serial(), latest.revokedAt(), latest.reason(), latest.invalidityDate()));
            }
        }
    }

    @Override
    public synchronized BigInteger nextCrlNumber(CertificateUsage usage) {
        BigInteger next = crlNumbers.get(usage).add(BigInteger.ONE);
        crlNumbers.put(usage, next);
        return next;
    }

    @Override
    public void close() {
    }

    private Instant notAfter(CertificateUsage usage, BigInteger serial) {
        return find(usage, serial).map(CertificateRecord::notAfter).orElse(Instant.MAX);
    }

    private CertificateRecord change(CertificateRecord record) {
        histories.get(record.usage()).computeIfAbsent(record.serial(), s -> new ArrayList<>()).add(record);
        return record;
    }
}
