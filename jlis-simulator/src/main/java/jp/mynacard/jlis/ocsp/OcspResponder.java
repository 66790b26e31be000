package jp.mynacard.jlis.ocsp;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.RevocationRegistry;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;

/**
 * The centre's OCSP responder (RFC 6960), independent of transport: DER request in, DER response
 * out. The HTTP layer base64-decodes GET paths and reads POST bodies, then calls {@link #respond}.
 *
 * <p>Each CA key's certificates are answered by the delegated responder that key certified: a CA
 * has a key per generation, all under one name, and a response about a certificate of generation
 * N is signed by generation N's responder. A request whose CertIDs name no CA of the centre, or
 * name both CAs at once (no single responder certificate is authorised for both), is answered
 * {@code unauthorized} (RFC 6960 §2.3). A request naming two generations of one CA is answered
 * in one response signed by the responder of the first CertID's generation: a response has one
 * signature, and clients send one CertID (RFC 5019) in practice. The registry keeps one list of
 * serials per CA name, so a CertID is answered by serial whichever generation it names. Single-CertID requests
 * without nonce are answered from {@link PresignedResponseCache}; nonced ones are always signed afresh.
 * Safe for concurrent use.
 */
public final class OcspResponder {
    private static final Logger LOG = System.getLogger(OcspResponder.class.getName());
    private static final byte[] MALFORMED_REQUEST = unsigned(OCSPRespBuilder.MALFORMED_REQUEST);
    private static final byte[] INTERNAL_ERROR = unsigned(OCSPRespBuilder.INTERNAL_ERROR);
    private static final byte[] UNAUTHORIZED = unsigned(OCSPRespBuilder.UNAUTHORIZED);

    private final RevocationRegistry registry;
    private final Clock clock;
    private final OcspResponderSettings settings;
    private final OcspRequestParser parser;
    private final IssuerMatcher issuers = new IssuerMatcher();
    private final CertificateStatusMapper statuses = new CertificateStatusMapper();
    private final PresignedResponseCache cache;
    private final SigningQueue signing = SigningQueue.twicePerCore();

    /**
     * A responder for one key of each CA (a centre of one generation; the centre itself adds each
     * generation with {@link #answerFor}).
     *
     * @param caCertificates the certificate of each CA whose certificates are answered for
     * @param responders one delegated responder per CA in {@code caCertificates}
     */
    public OcspResponder(RevocationRegistry registry, Map<CertificateUsage, X509Certificate> caCertificates,
            List<OcspSigningIdentity> responders, Clock clock, OcspResponderSettings settings) {
        this(registry, clock, settings);
        Set<CertificateUsage> answered = EnumSet.noneOf(CertificateUsage.class);
        for (OcspSigningIdentity responder : responders) {
            X509Certificate ca = caCertificates.get(responder.usage());
            if (ca == null || !answered.add(responder.usage())) {
                throw new IllegalArgumentException("need exactly one OCSP responder per CA: CAs " + caCertificates.keySet()
                        + ", a second or stray " + responder.usage().displayName() + " responder");
            }
            answerFor(ca, responder);
        }
        if (!answered.equals(caCertificates.keySet())) {
            throw new IllegalArgumentException("need exactly one OCSP responder per CA: CAs " + caCertificates.keySet()
                    + ", responders " + answered);
        }
    }

    /** A responder that answers for no CA yet: {@link #answerFor} adds each CA key (generation) with its responder. */
    public OcspResponder(RevocationRegistry registry, Clock clock, OcspResponderSettings settings) {
        this.registry = registry;
        this.clock = clock;
        this.settings = settings;
        this.parser = new OcspRequestParser(settings.maxRequestBytes(), settings.maxCertificateIds());
        this.cache = new PresignedResponseCache(settings.maxCachedResponses(), settings.responseValidity());
    }

    /**
     * From now on, answers for the certificates issued by the key of {@code caCertificate} (one
     * generation of a CA), signing with {@code responder}, which that key must have certified.
     */
    public void answerFor(X509Certificate caCertificate, OcspSigningIdentity responder) {
        if (!caCertificate.getSubjectX500Principal().equals(responder.certificate().getIssuerX500Principal())
                || !signedBy(responder.certificate(), caCertificate)) {
            throw new IllegalArgumentException("the " + responder.usage().displayName()
                    + " OCSP responder certificate was not issued by that CA key");
        }
        issuers.add(caCertificate, responder.usage(), new OcspResponseSigner(responder));
    }

    /** A DER OCSPResponse for any bytes at all; never throws for bad input. */
    public byte[] respond(byte[] requestDer) {
        OcspQuery query;
        try {
            query = parser.parse(requestDer);
        } catch (MalformedOcspRequestException e) {
            return MALFORMED_REQUEST.clone();
        }
        Optional<IssuerMatcher.Issuer> issuer = singleIssuer(query);
        if (issuer.isEmpty()) {
            return UNAUTHORIZED.clone();
        }
        try {
            return answer(issuer.get(), query).clone(); // a copy, so no caller can alter a cached response
        } catch (RuntimeException e) {
            // the registry failed (database down): RFC 6960 internalError, not a false good
            LOG.log(Level.WARNING, "OCSP request failed", e);
            return INTERNAL_ERROR.clone();
        }
    }

    /** How many pre-signed responses are held now; for tests and monitoring. */
    int cachedResponses() {
        return cache.size();
    }

    private byte[] answer(IssuerMatcher.Issuer issuer, OcspQuery query) {
        CertificateUsage usage = issuer.usage();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!query.cacheable()) {
            List<SingleAnswer> answers = new ArrayList<>(query.certificateIds().size());
            for (CertificateID id : query.certificateIds()) {
                answers.add(statuses.answer(id, registry.find(usage, id.getSerialNumber())));
            }
            return sign(issuer, answers, query, now);
        }
        CertificateID id = query.certificateIds().get(0);
        Optional<CertificateRecord> record = registry.find(usage, id.getSerialNumber());
        if (record.isEmpty()) {
            // not cached: there is no sequence to key on, and random serials must not crowd out real entries
            return sign(issuer, List.of(statuses.answer(id, record)), query, now);
        }
        PresignedResponseCache.Key key = new PresignedResponseCache.Key(usage, issuer.key(), id.getSerialNumber(),
                record.get().sequence(), id.toASN1Primitive().getHashAlgorithm());
        Optional<byte[]> cached = cache.find(key, now);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] signed = sign(issuer, List.of(statuses.answer(id, record)), query, now);
        cache.put(key, signed, now);
        return signed;
    }

    private byte[] sign(IssuerMatcher.Issuer issuer, List<SingleAnswer> answers, OcspQuery query, Instant now) {
        return signing.sign(() -> issuer.signer().sign(answers, query.nonce(), now, now.plus(settings.responseValidity())));
    }

    /** The first CertID's issuer, if every CertID names a key of the same CA; empty otherwise. */
    private Optional<IssuerMatcher.Issuer> singleIssuer(OcspQuery query) {
        IssuerMatcher.Issuer first = null;
        for (CertificateID id : query.certificateIds()) {
            Optional<IssuerMatcher.Issuer> issuer = issuers.issuerOf(id);
            if (issuer.isEmpty() || (first != null && first.usage() != issuer.get().usage())) {
                return Optional.empty();
            }
            if (first == null) {
                first = issuer.get();
            }
        }
        return Optional.ofNullable(first);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] unsigned(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
