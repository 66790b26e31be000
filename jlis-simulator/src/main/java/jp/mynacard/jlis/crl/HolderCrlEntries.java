package jp.mynacard.jlis.crl;

import java.math.BigInteger;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.RevocationRegistry;

/**
 * The holder certificates of one CA on one CRL partition: those whose serial mod the number of
 * partitions is the partition's number (every one, with one partition). The registry keeps one
 * list per CA name, so certificates of every generation of the CA are on it.
 */
public final class HolderCrlEntries implements CrlEntrySource {
    private final RevocationRegistry registry;
    private final CertificateUsage usage;
    private final BigInteger partitions;
    private final BigInteger partition;
    private final CrlEntryEncoder encoder = new CrlEntryEncoder();

    public HolderCrlEntries(RevocationRegistry registry, CertificateUsage usage, int partitions, int partition) {
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("no CRL partition " + partition + " of " + partitions);
        }
        this.registry = registry;
        this.usage = usage;
        this.partitions = BigInteger.valueOf(partitions);
        this.partition = BigInteger.valueOf(partition);
    }

    /** Every revoked certificate of the CA. */
    public static HolderCrlEntries all(RevocationRegistry registry, CertificateUsage usage) {
        return new HolderCrlEntries(registry, usage, 1, 0);
    }

    @Override
    public void forEach(long after, long upTo, Consumer<byte[]> entries) {
        registry.forEachRevoked(usage, after, upTo, entry -> {
            if (entry.serial().mod(partitions).equals(partition)) {
                entries.accept(encoder.encode(entry));
            }
        });
    }
}
