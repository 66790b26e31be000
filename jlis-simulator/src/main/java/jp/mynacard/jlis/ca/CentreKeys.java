package jp.mynacard.jlis.ca;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The centre's long-lived signing keys: the generations of the two JPKI CAs and the card-data
 * signer. {@link #authority} is a CA's current generation, which issues and signs everything new.
 */
public final class CentreKeys {
    private final Map<CertificateUsage, CaGenerations> generations;
    private final CertificateAuthority cardDataSigner;
    private final GenerationStore store;

    /** One generation of each CA, kept nowhere: a rollover makes its next key in memory only (tests). */
    public CentreKeys(CertificateAuthority signatureCa, CertificateAuthority authenticationCa,
                      CertificateAuthority cardDataSigner) {
        this(Map.of(CertificateUsage.SIGNATURE, CaGenerations.single(CertificateUsage.SIGNATURE, signatureCa),
                CertificateUsage.USER_AUTHENTICATION, CaGenerations.single(CertificateUsage.USER_AUTHENTICATION,
                        authenticationCa)), cardDataSigner, GenerationStore.IN_MEMORY);
    }

    CentreKeys(Map<CertificateUsage, CaGenerations> generations, CertificateAuthority cardDataSigner,
               GenerationStore store) {
        this.generations = new EnumMap<>(generations);
        this.cardDataSigner = cardDataSigner;
        this.store = store;
        for (CertificateUsage usage : CertificateUsage.values()) {
            if (!this.generations.containsKey(usage)) {
                throw new IllegalArgumentException("no " + usage.displayName() + " CA");
            }
        }
    }

    /** The current generation of that CA. */
    public CertificateAuthority authority(CertificateUsage usage) {
        return generations(usage).current().authority();
    }

    public CaGenerations generations(CertificateUsage usage) {
        return generations.get(usage);
    }

    public CertificateAuthority signatureCa() {
        return authority(CertificateUsage.SIGNATURE);
    }

    public CertificateAuthority authenticationCa() {
        return authority(CertificateUsage.USER_AUTHENTICATION);
    }

    public CertificateAuthority cardDataSigner() {
        return cardDataSigner;
    }

    /**
     * Makes the CA's next generation (a new key under the same name, its self-signed certificate)
     * and the two link certificates between the current generation and it, keeps them, and makes
     * the new generation current. The links go to the store before the key: a crash between leaves
     * the old generation current and links to a key that never was, which the next start ignores.
     *
     * @param points where the links' cRLDistributionPoints point (the CA's infrastructure CRL)
     */
    public synchronized CaRollover rollover(CertificateUsage usage, PublicationPoints points, Clock clock)
            throws IOException {
        CaGenerations ca = generations(usage);
        CaGeneration old = ca.current();
        String next = CaGeneration.alias(usage, old.number() + 1);
        if (store.holds(next)) {
            // before the links are rewritten: this process's list lacks the links that other process made
            throw new IOException("the " + usage.displayName() + " CA's generation " + (old.number() + 1) + " ('" + next
                    + "') was made by another centre process sharing this data directory since this one started:"
                    + " restart this process to use it, and roll over through one process only");
        }
        CaGeneration made = new CaGeneration(old.number() + 1, store.generate(old.authority().name(), clock));
        List<X509Certificate> links = LinkCertificates.between(usage, old, made, points, clock);
        List<X509Certificate> allLinks = new ArrayList<>(ca.links());
        allLinks.addAll(links);
        store.keepLinks(usage, allLinks);
        CaGeneration kept = new CaGeneration(made.number(),
                store.keep(CaGeneration.alias(usage, made.number()), made.authority()));
        ca.add(kept, links);
        return new CaRollover(usage, kept, links);
    }
}
