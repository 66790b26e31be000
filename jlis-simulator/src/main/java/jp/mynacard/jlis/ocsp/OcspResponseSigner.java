package jp.mynacard.jlis.ocsp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.mynacard.jlis.ca.SigningProvider;
import jp.mynacard.jlis.der.DerHeader;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs successful OCSP responses as one CA's delegated responder: ResponderID byKey (smaller
 * than byName and what RFC 5019 §2.2.3 recommends), the responder certificate in {@code certs} so
 * clients can check the delegation without fetching anything. Safe for concurrent use.
 *
 * <p>The same DER as BouncyCastle's {@code BasicOCSPRespBuilder} + {@code OCSPRespBuilder} (the
 * tests compare byte for byte), made with less work: the ResponseData is encoded once and signed,
 * and the parts that never change (signature algorithm, the responder's certificate) were encoded
 * at construction, so a fresh response costs one small encoding and one signature.
 */
final class OcspResponseSigner {
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final byte[] SUCCESSFUL = encoded(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL));
    private static final byte[] BASIC_RESPONSE_TYPE = encoded(OCSPObjectIdentifiers.id_pkix_ocsp_basic);

    private final PrivateKey key;
    private final RespID responderId;
    /** AlgorithmIdentifier sha256WithRSAEncryption (NULL parameters), DER. */
    private final byte[] signatureAlgorithm;
    /** certs [0] EXPLICIT SEQUENCE OF Certificate: the responder's own, DER. */
    private final byte[] certs;

    OcspResponseSigner(OcspSigningIdentity identity) {
        this.key = SigningProvider.chosen().prepared(identity.key());
        try {
            X509CertificateHolder certificate = new JcaX509CertificateHolder(identity.certificate());
            this.responderId = new RespID(SubjectPublicKeyInfo.getInstance(certificate.getSubjectPublicKeyInfo()),
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1));
            this.signatureAlgorithm = encoded(new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
                    DERNull.INSTANCE));
            this.certs = DerHeader.element(DerHeader.CONTEXT_0,
                    DerHeader.element(DerHeader.SEQUENCE, identity.certificate().getEncoded()));
        } catch (CertificateEncodingException | OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("unusable OCSP responder certificate", e);
        }
    }

    /**
     * A DER OCSPResponse with status successful, produced at and valid from {@code thisUpdate} to
     * {@code nextUpdate}; both whole seconds (RFC 5019 §2.2.4: no fractional seconds).
     */
    byte[] sign(List<SingleAnswer> answers, Extension nonce, Instant thisUpdate, Instant nextUpdate) {
        ASN1EncodableVector responses = new ASN1EncodableVector(answers.size());
        for (SingleAnswer answer : answers) {
            responses.add(new SingleResponse(answer.certificateId().toASN1Primitive(), certStatus(answer.status()),
                    new DERGeneralizedTime(Date.from(thisUpdate)), new DERGeneralizedTime(Date.from(nextUpdate)),
                    answer.extensions()));
        }
        byte[] tbs = encoded(new ResponseData(responderId.toASN1Primitive(), new ASN1GeneralizedTime(Date.from(thisUpdate)),
                new DERSequence(responses), nonce == null ? null : new Extensions(nonce)));
        byte[] signature;
        try {
            Signature signer = SigningProvider.chosen().signature(SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(tbs);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an OCSP response", e);
        }
        byte[] basic = DerHeader.element(DerHeader.SEQUENCE, tbs, signatureAlgorithm,
                encoded(new DERBitString(signature)), certs);
        byte[] responseBytes = DerHeader.element(DerHeader.SEQUENCE, BASIC_RESPONSE_TYPE,
                DerHeader.element(DerHeader.OCTET_STRING, basic));
        return DerHeader.element(DerHeader.SEQUENCE, SUCCESSFUL, DerHeader.element(DerHeader.CONTEXT_0, responseBytes));
    }

    /** As BouncyCastle's builder encodes them: good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL. */
    private static CertStatus certStatus(CertificateStatus status) {
        if (status == CertificateStatus.GOOD) {
            return new CertStatus();
        }
        if (status instanceof RevokedStatus revoked) {
            CRLReason reason = revoked.hasRevocationReason() ? CRLReason.lookup(revoked.getRevocationReason()) : null;
            return new CertStatus(new RevokedInfo(new ASN1GeneralizedTime(revoked.getRevocationTime()), reason));
        }
        return new CertStatus(2, DERNull.INSTANCE);
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable element) {
        try {
            return element.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + element.getClass().getSimpleName(), e);
        }
    }
}
