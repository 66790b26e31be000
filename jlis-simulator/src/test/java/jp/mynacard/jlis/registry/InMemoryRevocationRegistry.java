package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;
/**
 * A registry kept in memory for the responder's and the CRL writer's tests: every change of every
 * certificate is kept, so that {@link #forEachRevoked} answers for any window as the contract says;
 * no durability. The real registries are held to the contract by RevocationRegistryContract.
 */
public class InMemoryRevocationRegistry implements RegistryWithoutPhones {
    private final Map<CertificateUsage, Map<BigInteger, List<CertificateRecord>>> histories = new EnumMap<>(CertificateUsage.class);
    private final Map<CertificateUsage, Map<BigInteger, byte[]>> certificates = new EnumMap<>(CertificateUsage.class);
    private final Map<CertificateUsage, BigInteger> crlNumbers = new EnumMap<>(CertificateUsage.class);
    private long sequence;
    /** Lets a test make the registry fail like a database that went away. */
    public volatile boolean broken;

    public InMemoryRevocationRegistry() {
        for (CertificateUsage usage : CertificateUsage.values()) {
            histories.put(usage, new LinkedHashMap<>());
            certificates.put(usage, new HashMap<>());
            crlNumbers.put(usage, BigInteger.ZERO);
        }
    }

    @Override
    public synchronized CertificateRecord recordIssued(CertificateUsage usage, BigInteger serial, Instant notAfter, byte[] der) {
        certificates.get(usage).put(serial, der.clone());
        return change(new CertificateRecord(usage, serial, CertificateState.GOOD, null, null, null, notAfter, ++sequence));
    }

    @Override
    public synchronized CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at) {
        CertificateRecord old = existing(usage, serial);
        if (old.state() != CertificateState.GOOD) {
            throw new InvalidTransitionException("not good");
        }
        return change(new CertificateRecord(usage, serial, CertificateState.SUSPENDED, RevocationReason.CERTIFICATE_HOLD,
                at, null, old.notAfter(), ++sequence));
    }

    @Override
    public synchronized CertificateRecord revoke(CertificateUsage usage, BigInteger serial, RevocationReason reason,
            Instant at, Instant invalidityDate) {
        CertificateRecord old = existing(usage, serial);
        if (old.state() == CertificateState.REVOKED) {
            throw new InvalidTransitionException("already revoked");
        }
        return change(new CertificateRecord(usage, serial, CertificateState.REVOKED, reason, at, invalidityDate,
                old.notAfter(), ++sequence));
    }

    @Override
    public synchronized Optional<CertificateRecord> find(CertificateUsage usage, BigInteger serial) {
        if (broken) {
            throw new IllegalStateException("registry database unreachable");
        }
        List<CertificateRecord> history = histories.get(usage).get(serial);
        return history == null ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    @Override
    public List<CertificateRecord> findByPublicKey(String publicKeySha256) {
        return List.of(); // neither the responder nor the CRL writer looks certificates up by key
    }

    @Override
    public synchronized Optional<byte[]> certificate(CertificateUsage usage, BigInteger serial) {
        return Optional.ofNullable(certificates.get(usage).get(serial)).map(byte[]::clone);
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

    private CertificateRecord existing(CertificateUsage usage, BigInteger serial) {
        return find(usage, serial).orElseThrow(() -> new UnknownCertificateException(usage, serial));
    }

    private CertificateRecord change(CertificateRecord record) {
        histories.get(record.usage()).computeIfAbsent(record.serial(), s -> new ArrayList<>()).add(record);
        return record;
    }
}
