package jp.mynacard.jlis.ca;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The key generations of one JPKI CA, oldest first, and the link certificates between
 * consecutive ones. The current generation (the highest) issues every new certificate; older
 * ones are never deleted, because the certificates they issued stay valid. Safe for concurrent
 * use: readers see the generations before or after a rollover, never half of one.
 */
public final class CaGenerations {
    private record State(List<CaGeneration> generations, List<X509Certificate> links) {
    }

    private final CertificateUsage usage;
    private volatile State state;

    /** @param generations numbered 1, 2, … in order; @param links the link certificates between them */
    public CaGenerations(CertificateUsage usage, List<CaGeneration> generations, List<X509Certificate> links) {
        if (generations.isEmpty()) {
            throw new IllegalArgumentException("a CA has at least one generation");
        }
        for (int i = 0; i < generations.size(); i++) {
            if (generations.get(i).number() != i + 1) {
                throw new IllegalArgumentException("the " + usage.displayName() + " CA's generations must be numbered 1 to "
                        + generations.size() + " in order, found " + generations.get(i).number() + " at " + (i + 1));
            }
        }
        this.usage = usage;
        this.state = new State(List.copyOf(generations), List.copyOf(links));
    }

    /** A CA of one generation and no links. */
    public static CaGenerations single(CertificateUsage usage, CertificateAuthority authority) {
        return new CaGenerations(usage, List.of(new CaGeneration(1, authority)), List.of());
    }

    public CertificateUsage usage() {
        return usage;
    }

    /** The generation that issues new certificates and signs the CRLs. */
    public CaGeneration current() {
        List<CaGeneration> generations = state.generations();
        return generations.get(generations.size() - 1);
    }

    /** Every generation, oldest first. */
    public List<CaGeneration> all() {
        return state.generations();
    }

    /** The generations whose CA certificate has not expired at {@code now}. */
    public List<CaGeneration> live(Instant now) {
        return all().stream().filter(generation -> generation.live(now)).toList();
    }

    public Optional<CaGeneration> generation(int number) {
        List<CaGeneration> generations = all();
        return number >= 1 && number <= generations.size() ? Optional.of(generations.get(number - 1)) : Optional.empty();
    }

    /** The generation whose subjectKeyIdentifier this is (an authorityKeyIdentifier's keyIdentifier). */
    public Optional<CaGeneration> byKeyIdentifier(byte[] keyIdentifier) {
        return all().stream().filter(generation -> Arrays.equals(generation.keyIdentifier(), keyIdentifier)).findFirst();
    }

    public Optional<CaGeneration> byPublicKey(PublicKey key) {
        return all().stream().filter(generation -> generation.authority().publicKey().equals(key)).findFirst();
    }

    /** The generation whose key signed this certificate, newest first (the likeliest). */
    public Optional<CaGeneration> issuerOf(X509Certificate certificate) {
        List<CaGeneration> newestFirst = new ArrayList<>(all());
        java.util.Collections.reverse(newestFirst);
        for (CaGeneration generation : newestFirst) {
            if (certificate.getIssuerX500Principal().equals(generation.certificate().getSubjectX500Principal())
                    && verifies(certificate, generation.authority().publicKey())) {
                return Optional.of(generation);
            }
        }
        return Optional.empty();
    }

    /** Every link certificate, in generation order: for each rollover new-with-old, then old-with-new. */
    public List<X509Certificate> links() {
        return state.links();
    }

    /** Adds the next generation and its links: what a rollover made. */
    synchronized void add(CaGeneration next, List<X509Certificate> newLinks) {
        if (next.number() != current().number() + 1) {
            throw new IllegalStateException("the next " + usage.displayName() + " CA generation is "
                    + (current().number() + 1) + ", not " + next.number());
        }
        List<CaGeneration> generations = new ArrayList<>(state.generations());
        generations.add(next);
        List<X509Certificate> links = new ArrayList<>(state.links());
        links.addAll(newLinks);
        state = new State(List.copyOf(generations), List.copyOf(links));
    }

    static boolean verifies(X509Certificate certificate, PublicKey key) {
        try {
            certificate.verify(key);
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
