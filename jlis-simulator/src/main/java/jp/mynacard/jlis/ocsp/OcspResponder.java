package jp.mynacard.jlis.ocsp;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Each CA's certificates are answered by that CA's delegated responder. A request whose
 * CertIDs name no CA of the centre, or name both CAs at once (no single responder certificate is
 * authorised for both), is answered {@code unauthorized} (RFC 6960 §2.3). Single-CertID requests
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
    private final IssuerMatcher issuers;
    private final CertificateStatusMapper statuses = new CertificateStatusMapper();
    private final Map<CertificateUsage, OcspResponseSigner> signers = new EnumMap<>(CertificateUsage.class);
    private final PresignedResponseCache cache;

    /**
     * @param caCertificates the certificate of each CA whose certificates are answered for
     * @param responders one delegated responder per CA in {@code caCertificates}
     */
    public OcspResponder(RevocationRegistry registry, Map<CertificateUsage, X509Certificate> caCertificates,
            List<OcspSigningIdentity> responders, Clock clock, OcspResponderSettings settings) {
        this.registry = registry;
        this.clock = clock;
        this.settings = settings;
        for (OcspSigningIdentity responder : responders) {
            X509Certificate ca = caCertificates.get(responder.usage());
            if (ca == null || !ca.getSubjectX500Principal().equals(responder.certificate().getIssuerX500Principal())) {
                throw new IllegalArgumentException("the " + responder.usage().displayName()
                        + " OCSP responder certificate was not issued by that CA");
            }
            signers.put(responder.usage(), new OcspResponseSigner(responder));
        }
        if (!signers.keySet().equals(caCertificates.keySet())) {
            throw new IllegalArgumentException("need exactly one OCSP responder per CA: CAs " + caCertificates.keySet()
                    + ", responders " + signers.keySet());
        }
        this.parser = new OcspRequestParser(settings.maxRequestBytes(), settings.maxCertificateIds());
        this.issuers = new IssuerMatcher(caCertificates);
        this.cache = new PresignedResponseCache(settings.maxCachedResponses(), settings.responseValidity());
    }

    /** A DER OCSPResponse for any bytes at all; never throws for bad input. */
    public byte[] respond(byte[] requestDer) {
        OcspQuery query;
        try {
            query = parser.parse(requestDer);
        } catch (MalformedOcspRequestException e) {
            return MALFORMED_REQUEST.clone();
        }
        Optional<CertificateUsage> usage = singleIssuer(query);
        if (usage.isEmpty()) {
            return UNAUTHORIZED.clone();
        }
        try {
            return answer(usage.get(), query).clone(); // a copy, so no caller can alter a cached response
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

    private byte[] answer(CertificateUsage usage, OcspQuery query) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!query.cacheable()) {
            List<SingleAnswer> answers = new ArrayList<>(query.certificateIds().size());
            for (CertificateID id : query.certificateIds()) {
                answers.add(statuses.answer(id, registry.find(usage, id.getSerialNumber())));
            }
            return sign(usage, answers, query, now);
        }
        CertificateID id = query.certificateIds().get(0);
        Optional<CertificateRecord> record = registry.find(usage, id.getSerialNumber());
        if (record.isEmpty()) {
            // not cached: there is no sequence to key on, and random serials must not crowd out real entries
            return sign(usage, List.of(statuses.answer(id, record)), query, now);
        }
        PresignedResponseCache.Key key = new PresignedResponseCache.Key(usage, id.getSerialNumber(),
                record.get().sequence(), id.toASN1Primitive().getHashAlgorithm());
        Optional<byte[]> cached = cache.find(key, now);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] signed = sign(usage, List.of(statuses.answer(id, record)), query, now);
        cache.put(key, signed, now);
        return signed;
    }

    private byte[] sign(CertificateUsage usage, List<SingleAnswer> answers, OcspQuery query, Instant now) {
        return signers.get(usage).sign(answers, query.nonce(), now, now.plus(settings.responseValidity()));
    }

    private Optional<CertificateUsage> singleIssuer(OcspQuery query) {
        CertificateUsage found = null;
        for (CertificateID id : query.certificateIds()) {
            Optional<CertificateUsage> usage = issuers.issuerOf(id);
            if (usage.isEmpty() || (found != null && found != usage.get())) {
                return Optional.empty();
            }
            found = usage.get();
        }
        return Optional.ofNullable(found);
    }

    private static byte[] unsigned(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
