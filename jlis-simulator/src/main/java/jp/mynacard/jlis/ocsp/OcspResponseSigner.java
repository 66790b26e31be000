package jp.mynacard.jlis.ocsp;

import java.io.IOException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.mynacard.jlis.ca.SigningProvider;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs successful OCSP responses as one CA's delegated responder: ResponderID byKey (smaller
 * than byName and what RFC 5019 §2.2.3 recommends), the responder certificate in {@code certs} so
 * clients can check the delegation without fetching anything. Safe for concurrent use.
 */
final class OcspResponseSigner {
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    /** The responder's key is a software key made at start: the fastest provider signs with it. */
    private static final Provider PROVIDER = SigningProvider.chosen().provider();

    private final OcspSigningIdentity identity;
    private final RespID responderId;
    private final X509CertificateHolder[] chain;

    OcspResponseSigner(OcspSigningIdentity identity) {
        this.identity = identity;
        try {
            X509CertificateHolder certificate = new JcaX509CertificateHolder(identity.certificate());
            this.responderId = new RespID(SubjectPublicKeyInfo.getInstance(certificate.getSubjectPublicKeyInfo()),
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
            this.chain = new X509CertificateHolder[] {certificate};
        } catch (CertificateEncodingException | OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("unusable OCSP responder certificate", e);
        }
    }

    /**
     * A DER OCSPResponse with status successful, produced at and valid from {@code thisUpdate} to
     * {@code nextUpdate}; both whole seconds (RFC 5019 §2.2.4: no fractional seconds).
     */
    byte[] sign(List<SingleAnswer> answers, Extension nonce, Instant thisUpdate, Instant nextUpdate) {
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
        for (SingleAnswer answer : answers) {
            builder.addResponse(answer.certificateId(), answer.status(), Date.from(thisUpdate),
                    Date.from(nextUpdate), answer.extensions());
        }
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        try {
            // a ContentSigner holds per-signature state, so each response gets its own
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM);
            if (PROVIDER != null) {
                signer.setProvider(PROVIDER);
            }
            BasicOCSPResp basic = builder.build(signer.build(identity.key()),
                    chain, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign an OCSP response", e);
        }
    }
}
