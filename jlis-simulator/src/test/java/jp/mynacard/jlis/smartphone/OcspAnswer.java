package jp.mynacard.jlis.smartphone;

import java.math.BigInteger;
import jp.mynacard.jlis.client.CentreClient;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** What the centre's OCSP responder, asked over HTTP, says of one certificate: "good", or "revoked:" and the RFC 5280 reason code. */
final class OcspAnswer {
    static final String GOOD = "good";
    static final String CESSATION_OF_OPERATION = revoked(CRLReason.cessationOfOperation);
    static final String SUPERSEDED = revoked(CRLReason.superseded);
    static final String CERTIFICATE_HOLD = revoked(CRLReason.certificateHold);

    private OcspAnswer() {
    }

    /** @param ca "auth" or "sign": the CA that issued the certificate */
    static String of(CentreClient centre, String ca, BigInteger serial) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(centre.authorityCertificate(ca, true)), serial);
            OCSPResp response = new OCSPResp(centre.ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new AssertionError("OCSP response status " + response.getStatus());
            }
            SingleResp single = ((BasicOCSPResp) response.getResponseObject()).getResponses()[0];
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return "good";
            }
            if (status instanceof RevokedStatus revoked) {
                return "revoked:" + (revoked.hasRevocationReason() ? revoked.getRevocationReason() : "none");
            }
            return "unknown";
        } catch (Exception e) {
            throw new AssertionError("asking the centre's OCSP responder failed", e);
        }
    }

    static String revoked(int reason) {
        return "revoked:" + reason;
    }
}
