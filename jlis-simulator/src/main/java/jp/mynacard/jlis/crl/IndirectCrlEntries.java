package jp.mynacard.jlis.crl;

import java.util.Map;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.RevocationRegistry;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The holder certificates of both CAs on one indirect CRL, one CA after the other. RFC 5280
 * §5.3.3: an entry's certificateIssuer holds for the entries after it until the next one, and
 * the first entry without one would belong to the CRL's own issuer, which issued no holder
 * certificate; so the first entry of each CA carries its CA's name.
 */
final class IndirectCrlEntries implements CrlEntrySource {
    private final RevocationRegistry registry;
    private final Map<CertificateUsage, X500Name> issuers;
    private final CrlEntryEncoder encoder = new CrlEntryEncoder();

    /** @param issuers the name of each CA whose certificates the CRL lists, in the order they are listed */
    IndirectCrlEntries(RevocationRegistry registry, Map<CertificateUsage, X500Name> issuers) {
        this.registry = registry;
        this.issuers = issuers;
    }

    @Override
    public void forEach(long after, long upTo, Consumer<byte[]> entries) {
        for (Map.Entry<CertificateUsage, X500Name> issuer : issuers.entrySet()) {
            boolean[] first = {true};
            registry.forEachRevoked(issuer.getKey(), after, upTo, entry -> {
                entries.accept(first[0] ? encoder.encode(entry, issuer.getValue()) : encoder.encode(entry));
                first[0] = false;
            });
        }
    }
}
