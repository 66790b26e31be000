package jp.mynacard.host.trust;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks an OCSP responder (RFC 6960) about one certificate: a POST to the responder named in the
 * certificate (or the configured one) with a fresh random nonce unless turned off, then
 * {@link OcspResponseCheck} on the answer. Good and revoked (certificateHold: suspended) are
 * answers; unknown, a refused response and a responder that cannot be reached are not, and say why.
 */
final class OcspClient implements RevocationSource {
    private static final int NONCE_BYTES = 16; // RFC 8954: 1 to 32; 16 is what OpenSSL sends
    private static final long MAX_RESPONSE_BYTES = 64 * 1024;
    private static final String[] STATUS_NAMES = {"successful", "malformedRequest", "internalError", "tryLater",
        "(unused)", "sigRequired", "unauthorized"};

    private final RevocationHttp http;
    private final URI override;
    private final boolean nonce;
    private final OcspResponseCheck check;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OcspClient(RevocationHttp http, URI override, boolean nonce, Duration clockSkew, Duration maxAge, Clock clock) {
        this.http = http;
        this.override = override;
        this.nonce = nonce;
        this.check = new OcspResponseCheck(clockSkew, maxAge);
        this.clock = clock;
    }

    /** The status of {@code cert} (issued by {@code issuer}) at {@code when}, as the responder says now. */
    @Override
    public String label() {
        return "OCSP";
    }

    @Override
    public RevocationAnswer check(X509Certificate cert, X509Certificate issuer, Instant when, String subject) {
        URI url;
        try {
            List<URI> named = PublicationPoints.ocsp(cert);
            url = override != null ? override : named.isEmpty() ? null : named.get(0);
        } catch (IllegalArgumentException e) {
            return RevocationAnswer.unavailable("the certificate's authorityInfoAccess is unreadable");
        }
        if (url == null) {
            return RevocationAnswer.unavailable("the certificate names no OCSP responder");
        }
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), OcspResponseCheck.holder(issuer), cert.getSerialNumber());
            OCSPReqBuilder request = new OCSPReqBuilder().addRequest(id);
            byte[] sent = null;
            if (nonce) {
                byte[] value = new byte[NONCE_BYTES];
                random.nextBytes(value);
                sent = new DEROctetString(value).getEncoded(); // the extnValue holds Nonce ::= OCTET STRING
                request.setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, sent)));
            }
            byte[] der = http.post(url, "application/ocsp-request", request.build().getEncoded(),
                    "application/ocsp-response", MAX_RESPONSE_BYTES);
            org.bouncycastle.asn1.ASN1Primitive whole;
            try {
                // exactly one ASN.1 value, nothing after it (as for CRLs): trailing bytes no signature covers are refused
                whole = org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der);
            } catch (IOException e) {
                return RevocationAnswer.unavailable(url + ": malformed response (" + e.getMessage() + ")");
            }
            OCSPResp response = new OCSPResp(org.bouncycastle.asn1.ocsp.OCSPResponse.getInstance(whole));
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                int s = response.getStatus();
                return RevocationAnswer.unavailable(url + " answered "
                        + (s >= 0 && s < STATUS_NAMES.length ? STATUS_NAMES[s] : "status " + s));
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                return RevocationAnswer.unavailable(url + " answered with an unsupported response type");
            }
            OcspResponseCheck.Checked checked = check.check(basic, id, issuer, sent, clock.instant());
            if (checked.stale() == null) {
                return status(checked.single(), when, subject, url);
            }
            RevocationAnswer a = status(checked.single(), when, subject, url);
            if (a.result().isPresent() && !a.result().get().valid()) {
                // an authentic answer that the CA revoked the certificate is refused on even when not current
                return a.noting(List.of("the OCSP answer of " + url + " saying so is not current: " + checked.stale()));
            }
            return RevocationAnswer.unavailable(url + ": " + checked.stale());
        } catch (OcspResponseCheck.Refused e) {
            return RevocationAnswer.unavailable(url + ": " + e.getMessage());
        } catch (IOException e) {
            return RevocationAnswer.unavailable(e.getMessage().startsWith(url.toString())
                    ? e.getMessage() : url + ": " + e.getMessage());
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            // BouncyCastle reports malformed DER as assorted runtime exceptions
            return RevocationAnswer.unavailable(url + ": malformed response (" + e.getMessage() + ")");
        }
    }

    private static RevocationAnswer status(SingleResp single, Instant when, String subject, URI url) {
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return RevocationAnswer.of(ValidationResult.valid(subject, ValidationResult.OCSP, ""));
        }
        if (status instanceof RevokedStatus revoked) {
            Instant date = revoked.getRevocationTime().toInstant();
            if (date.isAfter(when)) { // revoked since the validation time: it was good then
                return RevocationAnswer.of(ValidationResult.valid(subject, ValidationResult.OCSP, ""));
            }
            CRLReason reason = revoked.hasRevocationReason() && revoked.getRevocationReason() >= 0
                    && revoked.getRevocationReason() < CRLReason.values().length
                    ? CRLReason.values()[revoked.getRevocationReason()] : null;
            return RevocationAnswer.of(ValidationResult.revoked(subject, date, reason, ValidationResult.OCSP));
        }
        if (status instanceof UnknownStatus) {
            return RevocationAnswer.unavailable(url + " does not know the certificate (status unknown)");
        }
        return RevocationAnswer.unavailable(url + " answered an unrecognised status");
    }
}
