package jp.mynacard.host.cms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS (RFC 5652) SignedData made with a key that never leaves the card: SHA-256 with RSA,
 * signed attributes contentType, messageDigest, signingTime, ESS signing-certificate-v2
 * (RFC 5035) and CMS algorithm protection; certificates: the signer's and its CA's.
 * Encapsulated (the content inside) or detached.
 */
public final class CardCmsSigner {
    private static final DigestAlgorithm DIGEST = DigestAlgorithm.SHA256;
    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");

    private final X509Certificate signer;
    private final List<X509Certificate> certificates;
    private final DigestInfoSigner key;

    /** @param certificates included in the message besides {@code signer} (its CA's, typically) */
    public CardCmsSigner(X509Certificate signer, List<X509Certificate> certificates, DigestInfoSigner key) {
        this.signer = Objects.requireNonNull(signer);
        this.certificates = List.copyOf(certificates);
        this.key = Objects.requireNonNull(key);
    }

    /** With the card's {@code key} (its PIN already verified), its certificate and its CA's from the card. */
    public static CardCmsSigner of(JpkiCard card, JpkiKey key) {
        JpkiCertificate ee = key == JpkiKey.SIGN ? JpkiCertificate.SIGN : JpkiCertificate.AUTH;
        JpkiCertificate ca = key == JpkiKey.SIGN ? JpkiCertificate.SIGN_CA : JpkiCertificate.AUTH_CA;
        return new CardCmsSigner(card.certificate(ee), List.of(card.certificate(ca)),
                digestInfo -> card.signDigestInfo(key, digestInfo));
    }

    public X509Certificate signer() {
        return signer;
    }

    /** DER ContentInfo holding the SignedData over {@code content}, signed at {@code signingTime}. */
    public byte[] sign(byte[] content, boolean detached, Instant signingTime) throws CmsSigningException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signedAttributes(signingTime)))
                    .build(new CardContentSigner(key), signer));
            List<X509Certificate> all = new ArrayList<>();
            all.add(signer);
            all.addAll(certificates);
            generator.addCertificates(new JcaCertStore(all));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), !detached);
            return signed.getEncoded("DER");
        } catch (RuntimeOperatorException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r; // the card's own failures (PIN not verified, card removed) keep their type
            }
            throw new CmsSigningException("the card could not sign: " + cause.getMessage(), cause);
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
            throw new CmsSigningException("cannot build the CMS signature: " + e.getMessage(), e);
        }
    }

    private AttributeTable signedAttributes(Instant signingTime) throws CertificateEncodingException {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))),
                signer.getSerialNumber());
        ESSCertIDv2 id = new ESSCertIDv2(DIGEST.digest(signer.getEncoded()), issuerSerial); // SHA-256, the default
        attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id}))));
        return new AttributeTable(attributes);
    }

    /** BC's view of the card: buffers the signed attributes, then hands their SHA-256 DigestInfo to the card. */
    private static final class CardContentSigner implements ContentSigner {
        private final DigestInfoSigner key;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        CardContentSigner(DigestInfoSigner key) {
            this.key = key;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return SHA256_WITH_RSA;
        }

        @Override
        public OutputStream getOutputStream() {
            return buffer;
        }

        @Override
        public byte[] getSignature() {
            byte[] digestInfo = DIGEST.digestInfo(DIGEST.digest(buffer.toByteArray()));
            try {
                return key.sign(digestInfo);
            } catch (Exception e) {
                throw new RuntimeOperatorException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
        }
    }
}
