package jp.mynacard.jlis.it;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import jp.mynacard.jlis.client.CentreClient;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What a centre's OCSP responder, asked over HTTP without a nonce (the pre-signed, cached answer),
 * says of one certificate: {@code good}, or {@code revoked:} and the reason code. An answer that is
 * not a successful response about that certificate, signed by a responder the CA certified, is an
 * {@link IllegalStateException}: never a status.
 */
final class OcspStatus {
    static final String GOOD = "good";

    private final X509Certificate ca;
    private final CertificateID id;
    private final byte[] request;

    OcspStatus(X509Certificate ca, BigInteger serial) {
        try {
            this.ca = ca;
            this.id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(ca), serial);
            OCSPReq built = new OCSPReqBuilder().addRequest(id).build();
            this.request = built.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make an OCSP request", e);
        }
    }

    static String revoked(int reason) {
        return "revoked:" + reason;
    }

    BigInteger serial() {
        return id.getSerialNumber();
    }

    /** Asks the centre; throws what {@link CentreClient#ocsp} throws when it cannot be asked. */
    String askedOf(CentreClient centre) {
        return read(centre.ocsp(request));
    }

    private String read(byte[] der) {
        try {
            OCSPResp response = new OCSPResp(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new IllegalStateException("OCSP response status " + response.getStatus());
            }
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            X509CertificateHolder[] certificates = basic.getCerts();
            if (certificates.length == 0) {
                throw new IllegalStateException("no responder certificate in the response");
            }
            X509Certificate responder = new JcaX509CertificateConverter().getCertificate(certificates[0]);
            responder.verify(ca.getPublicKey());
            if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                throw new IllegalStateException("the response's signature does not verify");
            }
            SingleResp single = basic.getResponses()[0];
            if (!single.getCertID().equals(id)) {
                throw new IllegalStateException("answered about serial " + single.getCertID().getSerialNumber().toString(16));
            }
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return GOOD;
            }
            if (status instanceof RevokedStatus revoked) {
                return "revoked:" + (revoked.hasRevocationReason() ? revoked.getRevocationReason() : "none");
            }
            return "unknown";
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("not a valid OCSP response: " + e.getMessage(), e);
        }
    }
}
