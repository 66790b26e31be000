package jp.mynacard.host.trust;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Decides whether a successful OCSP response may be believed (RFC 6960 §3.2): signed by the CA
 * itself or by a responder certificate that CA issued for OCSP signing and that is valid now;
 * about the certificate asked for; echoing the request's nonce; and current, within the clock skew
 * and the maximum age. The responder certificate's own revocation is not checked: responders are
 * short-lived and carry id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1).
 */
final class OcspResponseCheck {

    /** Why a response is not believed; the message is the reason. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Duration clockSkew;
    private final Duration maxAge; // null: no limit beyond nextUpdate

    OcspResponseCheck(Duration clockSkew, Duration maxAge) {
        this.clockSkew = clockSkew;
        this.maxAge = maxAge;
    }

    /**
     * An authentic single response about the certificate asked for, and why it is not current
     * ({@code stale}, null when it is). Authentic: signed by the CA or its authorized responder, about
     * this CertID. A stale or replayed answer cannot show a certificate good; one that says revoked
     * still shows the CA revoked it, so the caller may refuse on it.
     */
    record Checked(SingleResp single, String stale) {
    }

    /** The single response about {@code id}, once it is shown authentic; see {@link Checked}. */
    Checked check(BasicOCSPResp response, CertificateID id, X509Certificate issuer, byte[] nonce, Instant now)
            throws Refused {
        X509CertificateHolder signer = authorizedSigner(response, issuer, now);
        if (!verifies(response, signer)) {
            throw new Refused("the response's signature is invalid");
        }
        SingleResp single = about(response, id);
        try {
            if (nonce != null) {
                Extension echoed = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
                if (echoed == null) {
                    throw new Refused("the response does not echo the request's nonce (a replayed or pre-computed response)");
                }
                if (!Arrays.equals(echoed.getExtnValue().getOctets(), nonce)) {
                    throw new Refused("the response's nonce differs from the request's (a replayed response)");
                }
            }
            current(single, now);
        } catch (Refused e) {
            return new Checked(single, e.getMessage());
        }
        return new Checked(single, null);
    }

    /** The CA itself, or the delegated responder certificate named by the ResponderID. */
    private X509CertificateHolder authorizedSigner(BasicOCSPResp response, X509Certificate issuer, Instant now)
            throws Refused {
        X509CertificateHolder ca = holder(issuer);
        RespID responder = response.getResponderId();
        if (names(responder, ca)) {
            return ca;
        }
        for (X509CertificateHolder c : response.getCerts()) {
            if (!names(responder, c)) {
                continue;
            }
            String who = "the responder " + c.getSubject();
            if (!c.getIssuer().equals(ca.getSubject()) || !signedBy(c, ca)) {
                throw new Refused(who + " is not authorized: its certificate was not issued by " + ca.getSubject());
            }
            if (!ocspSigning(c)) {
                throw new Refused(who + " is not authorized: its certificate lacks id-kp-OCSPSigning");
            }
            if (now.isAfter(c.getNotAfter().toInstant().plus(clockSkew))) {
                throw new Refused(who + "'s certificate expired at " + c.getNotAfter().toInstant());
            }
            if (now.plus(clockSkew).isBefore(c.getNotBefore().toInstant())) {
                throw new Refused(who + "'s certificate is not valid before " + c.getNotBefore().toInstant());
            }
            return c;
        }
        throw new Refused("the response is signed by neither " + ca.getSubject()
                + " nor a responder certificate included in it");
    }

    private static SingleResp about(BasicOCSPResp response, CertificateID id) throws Refused {
        for (SingleResp s : response.getResponses()) {
            if (s.getCertID().equals(id)) {
                return s;
            }
        }
        throw new Refused("the response is not about the certificate asked for (serial " + id.getSerialNumber() + ")");
    }

    private void current(SingleResp single, Instant now) throws Refused {
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(clockSkew))) {
            throw new Refused("the response is dated " + thisUpdate + ", in the future");
        }
        if (maxAge != null && thisUpdate.plus(maxAge).plus(clockSkew).isBefore(now)) {
            throw new Refused("the response of " + thisUpdate + " is older than the maximum age of " + maxAge);
        }
        Date next = single.getNextUpdate();
        if (next != null && next.toInstant().plus(clockSkew).isBefore(now)) {
            throw new Refused("the response expired at " + next.toInstant());
        }
    }

    private static boolean names(RespID responder, X509CertificateHolder cert) {
        try {
            return responder.equals(new RespID(X500Name.getInstance(cert.getSubject())))
                    || responder.equals(new RespID(cert.getSubjectPublicKeyInfo(),
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1)));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean ocspSigning(X509CertificateHolder c) {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(c.getExtensions());
        return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    private static boolean signedBy(X509CertificateHolder c, X509CertificateHolder ca) {
        try {
            return c.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean verifies(BasicOCSPResp response, X509CertificateHolder signer) {
        try {
            return response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer));
        } catch (Exception e) {
            return false;
        }
    }

    static X509CertificateHolder holder(X509Certificate cert) {
        try {
            return new JcaX509CertificateHolder(cert);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
