package jp.mynacard.jlis.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CaGeneration;
import jp.mynacard.jlis.ca.CaGenerations;
import jp.mynacard.jlis.ca.CaRollover;
import java.util.function.Function;
import jp.mynacard.jlis.ca.CentreCardDataSigner;
import jp.mynacard.jlis.ca.CentreKeys;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.jlis.ca.PublicationPoints;
import jp.mynacard.jlis.provision.AuthenticationHolders;
import jp.mynacard.jlis.provision.CertificateReplacements;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.RegistryException;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.RevocationRegistry;
import jp.mynacard.jlis.registry.UnknownCertificateException;
import jp.mynacard.jlis.smartphone.IssuedSmartphoneCertificates;
import jp.mynacard.jlis.smartphone.SmartphoneDesk;
import jp.mynacard.jlis.smartphone.SmartphoneRefusal;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;

/**
 * What the centre's operators and the municipal counters ask of it: issue a certificate,
 * revoke or suspend one, look one up, roll a CA over to a new key. The admin HTTP API and the {@code jlis} CLI are views of this.
 */
public final class CentreAdministration {
    private final JpkiIssuer issuer;
    private final RevocationRegistry registry;
    private final CentreKeys keys;
    private final Runnable publishCrls;
    private final Clock clock;
    private final CertificateReplacements replacements;
    private final SmartphoneDesk smartphones;
    private volatile AuthenticationHolders holders;
    private volatile PublicationPoints points;
    private volatile Consumer<CaRollover> afterRollover = rollover -> { };
    private volatile Function<String, Optional<X509Certificate>> crlCertificates = name -> Optional.empty();

    /** A centre that keeps no replacement links: issuing with {@code replaces} is refused. */
    public CentreAdministration(JpkiIssuer issuer, RevocationRegistry registry, CentreKeys keys, Runnable publishCrls,
                                Clock clock) {
        this(issuer, registry, keys, publishCrls, clock, null);
    }

    /** @param replacements where the links of replacing signature certificates are kept; null for none */
    public CentreAdministration(JpkiIssuer issuer, RevocationRegistry registry, CentreKeys keys, Runnable publishCrls,
                                Clock clock, CertificateReplacements replacements) {
        this.issuer = issuer;
        this.registry = registry;
        this.keys = keys;
        this.publishCrls = publishCrls;
        this.clock = clock;
        this.replacements = replacements;
        this.smartphones = new SmartphoneDesk(issuer, registry, clock);
    }

    /**
     * Keeps whom each user-authentication certificate is issued to from now on, for
     * {@link #authenticationHolder}; without it the centre answers that no holder is recorded.
     */
    public CentreAdministration recordingHolders(AuthenticationHolders holders) {
        this.holders = holders;
        return this;
    }

    /**
     * Lets {@link #rollover} run: its link certificates point to these publication points, and
     * {@code afterRollover} (the OCSP responder learning the new generation) runs before the CRLs
     * are published again.
     */
    public CentreAdministration rollingOver(PublicationPoints points, Consumer<CaRollover> afterRollover) {
        this.points = points;
        this.afterRollover = afterRollover;
        return this;
    }

    /**
     * Serves the certificates of the keys that sign CRLs besides the CA keys ({@code sign-crl-signer},
     * {@code crl-issuer-auth}, ...) from {@code certificates}, which answers empty for a name not in use.
     */
    public CentreAdministration publishingCrlCertificates(Function<String, Optional<X509Certificate>> certificates) {
        this.crlCertificates = certificates;
        return this;
    }

    /**
     * Rolls the CA over to a new key (docs/centre.md, "CA generations and rollover"): the next
     * generation and its two link certificates, kept before anything uses them; from then on new
     * certificates and CRLs are signed by the new key, and fresh CRLs are published at once. The
     * other CA is not touched.
     */
    public CaRollover rollover(CertificateUsage usage) {
        CaRollover rollover;
        try {
            rollover = keys.rollover(usage, points, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot roll the " + usage.displayName() + " CA over: " + e.getMessage(), e);
        }
        afterRollover.accept(rollover);
        publishCrls.run();
        return rollover;
    }

    /** Every generation of that CA, oldest first. */
    public CaGenerations generations(CertificateUsage usage) {
        return keys.generations(usage);
    }

    /**
     * Issues to the JPKI profile; the issuer records it in the registry before it is returned, and
     * the holder of a user-authentication certificate is recorded before it leaves too.
     */
    public X509Certificate issue(CertificateUsage usage, BasicAttributes holder, LocalDate cardExpiry, PublicKey key) {
        X509Certificate certificate = issuer.issue(usage, holder, cardExpiry, key);
        if (usage == CertificateUsage.USER_AUTHENTICATION && holders != null) {
            holders.record(certificate.getSerialNumber(), holder, clock.instant());
        }
        return certificate;
    }

    /**
     * Whom a user-authentication certificate was issued to, for a municipality's service that
     * authenticated its holder (コンビニ交付). The caller is an authorised one (the admin API's rule).
     */
    public Optional<BasicAttributes> authenticationHolder(BigInteger serial) {
        if (registry.find(CertificateUsage.USER_AUTHENTICATION, serial).isEmpty()) {
            throw new UnknownCertificateException(CertificateUsage.USER_AUTHENTICATION, serial);
        }
        return holders == null ? Optional.empty() : holders.holderOf(serial);
    }

    /**
     * Issues a signature certificate that replaces an earlier one of the same holder (moved or
     * changed name) and records the link, so the four-attribute service can follow it. The old
     * certificate is revoked separately (affiliationChanged). {@code replaces} null: a plain issue.
     */
    public X509Certificate issue(CertificateUsage usage, BasicAttributes holder, LocalDate cardExpiry, PublicKey key,
                                 BigInteger replaces) {
        if (replaces == null) {
            return issue(usage, holder, cardExpiry, key);
        }
        if (replacements == null) {
            throw new IllegalArgumentException("this centre keeps no replacement links: issue without 'replaces'");
        }
        if (usage != CertificateUsage.SIGNATURE) {
            throw new IllegalArgumentException("only a signature certificate replaces another: the "
                    + usage.displayName() + " certificate carries no attributes");
        }
        if (registry.find(CertificateUsage.SIGNATURE, replaces).isEmpty()) {
            throw new IllegalArgumentException("'replaces' must name a signature certificate of this centre; there is "
                    + "none with serial " + replaces.toString(16).toUpperCase(java.util.Locale.ROOT));
        }
        // checked before issuing, so a refused request leaves no unlinked certificate behind
        replacements.replacementOf(replaces).ifPresent(existing -> {
            throw new RegistryException("signature certificate " + replaces.toString(16).toUpperCase(java.util.Locale.ROOT)
                    + " was already replaced by " + existing.toString(16).toUpperCase(java.util.Locale.ROOT));
        });
        X509Certificate certificate = issuer.issue(usage, holder, cardExpiry, key);
        replacements.record(certificate.getSerialNumber(), replaces);
        return certificate;
    }

    /**
     * Issues a phone's authentication and signature certificates (スマホ用電子証明書) to the holder of
     * the card whose signature key signed {@code request}, linked to that card's signature
     * certificate; the previous pair of that card and platform is revoked (superseded). The holder
     * of the phone's authentication certificate is recorded as for a card's.
     *
     * @param cardSignCertificateDer the card's signature certificate as read from the card
     * @param proof the card's SHA256withRSA signature over {@link SmartphoneCertificateRequest#signedBytes()}
     * @throws SmartphoneRefusal (nothing issued) when the request does not prove a good card of this centre
     */
    public IssuedSmartphoneCertificates issueSmartphoneCertificates(SmartphoneCertificateRequest request,
                                                                    byte[] cardSignCertificateDer, byte[] proof) {
        IssuedSmartphoneCertificates issued = smartphones.issue(request, cardSignCertificateDer, proof);
        if (holders != null) {
            holders.record(issued.authentication().getSerialNumber(), issued.holder(), clock.instant());
        }
        return issued;
    }

    public CertificateRecord revoke(BigInteger serial, Optional<CertificateUsage> usage, RevocationReason reason,
                                    Instant invalidityDate) {
        if (reason == RevocationReason.CERTIFICATE_HOLD) {
            throw new IllegalArgumentException("a hold is placed with suspend, not revoke");
        }
        return registry.revoke(usageOf(serial, usage), serial, reason, clock.instant(), invalidityDate);
    }

    public CertificateRecord suspend(BigInteger serial, Optional<CertificateUsage> usage) {
        return registry.suspend(usageOf(serial, usage), serial, clock.instant());
    }

    public CertificateRecord status(BigInteger serial, Optional<CertificateUsage> usage) {
        CertificateUsage found = usageOf(serial, usage);
        return registry.find(found, serial).orElseThrow(() -> new UnknownCertificateException(found, serial));
    }

    /**
     * Every certificate issued for the key whose SubjectPublicKeyInfo has this SHA-256 (hex), so a
     * bureau that lost an issuance answer in a crash can still find, and revoke, what it was given.
     */
    public List<CertificateRecord> certificatesForKey(String publicKeySha256) {
        return registry.findByPublicKey(publicKeySha256);
    }

    public Optional<byte[]> certificate(BigInteger serial, Optional<CertificateUsage> usage) {
        return registry.certificate(usageOf(serial, usage), serial);
    }

    /** The card-data signer's signature over card-face data, for a personalization bureau. */
    public byte[] signCardData(byte[] data) {
        return new CentreCardDataSigner(keys.cardDataSigner()).sign(data);
    }

    /** The card-data signer's PKCS#1 v1.5 signature over a DigestInfo the bureau built (NONEwithRSA). */
    public byte[] signCardDataDigestInfo(byte[] digestInfo) {
        return new CentreCardDataSigner(keys.cardDataSigner()).signDigestInfo(digestInfo);
    }

    public void publishCrls() {
        publishCrls.run();
    }

    /** "sign", "auth" (the CA's current generation) or "card-data". */
    public X509Certificate authorityCertificate(String type) {
        return switch (type) {
            case "sign" -> keys.signatureCa().certificate();
            case "auth" -> keys.authenticationCa().certificate();
            case "card-data" -> keys.cardDataSigner().certificate();
            default -> throw new IllegalArgumentException("CA type must be auth, sign or card-data, not '" + type + "'");
        };
    }

    /** One generation's CA certificate; empty if the CA has no such generation. */
    public Optional<X509Certificate> authorityCertificate(CertificateUsage usage, int generation) {
        return keys.generations(usage).generation(generation).map(CaGeneration::certificate);
    }

    /**
     * Every generation's CA certificate and every link certificate of that CA, in generation
     * order: generation 1, then for each later generation its certificate followed by the two links
     * its rollover made (new-with-old, old-with-new).
     */
    public List<X509Certificate> everyAuthorityCertificate(CertificateUsage usage) {
        CaGenerations generations = keys.generations(usage);
        List<X509Certificate> links = generations.links();
        List<X509Certificate> all = new ArrayList<>();
        for (CaGeneration generation : generations.all()) {
            all.add(generation.certificate());
            for (X509Certificate link : links) {
                if (linksTo(generations, link, generation)) {
                    all.add(link);
                }
            }
        }
        return all;
    }

    /** True for the two links of the rollover that made {@code generation}. */
    private static boolean linksTo(CaGenerations generations, X509Certificate link, CaGeneration generation) {
        Optional<CaGeneration> subject = generations.byPublicKey(link.getPublicKey());
        Optional<CaGeneration> issuer = generations.issuerOf(link);
        return subject.isPresent() && issuer.isPresent()
                && Math.max(subject.get().number(), issuer.get().number()) == generation.number();
    }

    /** A CRL signer's certificate by its name under {@code /ca/}; empty when this centre has no such signer. */
    public Optional<X509Certificate> crlSignerCertificate(String name) {
        return crlCertificates.apply(name);
    }

    /**
     * What caIssuers names ({@code /ca/sign-all.p7c}): every generation and link of the CA, and the
     * certificates of the keys that sign its CRLs besides the CA keys (the separate CRL signer, the
     * indirect CRL issuer), so a relying party with any generation as its anchor finds a path to
     * whatever signed a certificate or CRL of this CA.
     */
    public List<X509Certificate> publishedCertificates(CertificateUsage usage) {
        List<X509Certificate> all = new ArrayList<>(everyAuthorityCertificate(usage));
        crlSignerCertificate(usage.shortName() + "-crl-signer").ifPresent(all::add);
        crlSignerCertificate("crl-issuer-" + usage.shortName()).ifPresent(all::add);
        return all;
    }

    /** Serials are random 64-bit numbers, so a serial alone finds its CA; the type narrows it when given. */
    private CertificateUsage usageOf(BigInteger serial, Optional<CertificateUsage> usage) {
        if (usage.isPresent()) {
            return usage.get();
        }
        for (CertificateUsage candidate : CertificateUsage.values()) {
            if (registry.find(candidate, serial).isPresent()) {
                return candidate;
            }
        }
        throw new UnknownCertificateException(serial);
    }
}
