package jp.mynacard.host.trust;

import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Signs OCSP responses for the tests as a given responder (test only). */
final class TestOcsp {
    private TestOcsp() {
    }

    /**
     * A successful response to {@code request} saying {@code status} for each CertID asked, valid
     * from {@code thisUpdate} to {@code nextUpdate}, echoing the request's nonce if {@code echoNonce}.
     */
    static byte[] answer(OCSPReq request, TestPki.Responder responder, CertificateStatus status, Instant thisUpdate,
                         Instant nextUpdate, boolean echoNonce) {
        try {
            X509CertificateHolder cert = new JcaX509CertificateHolder(responder.certificate());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(cert.getSubjectPublicKeyInfo(),
                    new JcaDigestCalculatorProviderBuilder().build().get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1)));
            for (Req r : request.getRequestList()) {
                b.addResponse(r.getCertID(), status, Date.from(thisUpdate), Date.from(nextUpdate), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoNonce && nonce != null) {
                b.setResponseExtensions(new Extensions(nonce));
            }
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(responder.keys().getPrivate()),
                    new X509CertificateHolder[] {cert}, Date.from(thisUpdate))).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
