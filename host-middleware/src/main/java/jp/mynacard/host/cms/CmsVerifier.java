package jp.mynacard.host.cms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;

/**
 * Verifies a CMS SignedData: every signer's signature and messageDigest, its ESS
 * signing-certificate(-v2) binding when present, and a certification path from the signer's
 * certificate to one of the given trust anchors (certificates the message carries help build
 * the path but are never trusted for being there), with OCSP revocation checking of the path
 * at the certificates' AIA URLs (JDK PKIX, no CRL fallback) unless turned off.
 */
public final class CmsVerifier {
    /** JPKI signature certificate: the holder's name as a SubjectAltName otherName. */
    static final ASN1ObjectIdentifier JPKI_NAME = new ASN1ObjectIdentifier("1.2.392.200149.8.5.5.1");

    private final Set<TrustAnchor> anchors;
    private final boolean revocation;
    private Date validationTime;

    public CmsVerifier(Collection<X509Certificate> trusted, boolean checkRevocation) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate certificate : trusted) {
            set.add(new TrustAnchor(certificate, null));
        }
        this.anchors = Set.copyOf(set);
        this.revocation = checkRevocation;
    }

    /** Validate the path at this time instead of now (tests). */
    public CmsVerifier at(Instant time) {
        this.validationTime = Date.from(time);
        return this;
    }

    /** What a verification found: valid with its signer, or not valid and why. */
    public record Result(boolean valid, String reason, X509Certificate signer, String signerName,
                         Optional<Instant> signingTime) {
        static Result invalid(String reason, X509Certificate signer) {
            return new Result(false, reason, signer, signer == null ? null : nameOf(signer), Optional.empty());
        }
    }

    /**
     * @param cms DER or PEM ({@code -----BEGIN PKCS7-----} / {@code CMS}) ContentInfo
     * @param detachedContent the signed content when the signature is detached; null when encapsulated
     */
    public Result verify(byte[] cms, byte[] detachedContent) {
        CMSSignedData signed;
        try {
            byte[] der = derOf(cms);
            // one ASN.1 value and nothing after it: bytes no signature covers are refused, as for CRLs and OCSP
            org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der);
            signed = detachedContent == null ? new CMSSignedData(der)
                    : new CMSSignedData(new CMSProcessableByteArray(detachedContent), der);
        } catch (CMSException | java.io.IOException | RuntimeException e) {
            // BouncyCastle reports malformed DER as assorted runtime exceptions (a ContentInfo of another
            // type even as a NullPointerException inside CMSSignedData's constructor), as OcspClient notes
            return Result.invalid("not a CMS SignedData: " + message(e), null);
        }
        if (!org.bouncycastle.asn1.cms.CMSObjectIdentifiers.signedData.equals(signed.toASN1Structure().getContentType())) {
            // BouncyCastle reads the content as SignedData whatever the ContentInfo says it is
            return Result.invalid("not a CMS SignedData: the content type is " + signed.toASN1Structure().getContentType(), null);
        }
        if (signed.getSignedContent() == null) {
            return Result.invalid("the signature is detached and no content was given (--content FILE)", null);
        }
        try {
            return verifySigners(signed);
        } catch (RuntimeException e) {
            // BouncyCastle parses the signer infos, certificates and attributes lazily, when first used:
            // a malformed part shows up here, as one of the assorted runtime exceptions of its ASN.1 layer
            return Result.invalid("a malformed part in the CMS structure: " + message(e), null);
        }
    }

    private Result verifySigners(CMSSignedData signed) {
        if (anchors.isEmpty()) {
            return Result.invalid("no trust anchor given: a CA certificate inside the message is not trusted by itself", null);
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            return Result.invalid("the message has no signer", null);
        }
        List<X509Certificate> carried;
        try {
            carried = certificates(signed.getCertificates());
        } catch (CertificateException e) {
            return Result.invalid("a certificate in the message is malformed: " + message(e), null);
        }
        Result result = null;
        for (SignerInformation signer : signers) {
            result = verifySigner(signer, carried);
            if (!result.valid()) {
                return result;
            }
        }
        return result;
    }

    private Result verifySigner(SignerInformation info, List<X509Certificate> carried) {
        X509Certificate signer = null;
        for (X509Certificate candidate : carried) {
            if (info.getSID().match(holder(candidate))) {
                signer = candidate;
                break;
            }
        }
        if (signer == null) {
            return Result.invalid("the signer's certificate is not in the message", null);
        }
        try {
            if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer))) {
                return Result.invalid("the signature does not verify with the signer's certificate", signer);
            }
        } catch (CMSSignerDigestMismatchException e) {
            return Result.invalid("the content does not match the signed message digest (altered content)", signer);
        } catch (org.bouncycastle.cms.CMSVerifierCertificateNotValidException e) {
            return Result.invalid("the signer's certificate was not valid at the signing time the signature claims", signer);
        } catch (CMSException e) {
            return Result.invalid("the signature does not verify: " + message(e), signer);
        } catch (OperatorCreationException e) {
            return Result.invalid("cannot check the signature: " + message(e), signer);
        } catch (org.bouncycastle.operator.RuntimeOperatorException e) {
            // the JCA refused the signature value itself (a wrong length for the key, say)
            return Result.invalid("the signature does not verify: " + message(e), signer);
        }
        String binding = signingCertificateMismatch(info.getSignedAttributes(), signer);
        if (binding != null) {
            return Result.invalid(binding, signer);
        }
        String path = pathFailure(signer, carried);
        if (path != null) {
            return Result.invalid(path, signer);
        }
        return new Result(true, null, signer, nameOf(signer), signingTime(info.getSignedAttributes()));
    }

    /** Null when the path validates; otherwise why not. */
    private String pathFailure(X509Certificate signer, List<X509Certificate> carried) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters build = new PKIXBuilderParameters(anchors, target);
            build.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(carried)));
            build.setRevocationEnabled(false); // built first, then validated with revocation: exact reasons
            build.setDate(validationTime);
            CertPath path;
            try {
                path = ((PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(build)).getCertPath();
            } catch (CertPathBuilderException e) {
                return "no certification path to a trusted CA: " + message(e);
            }
            PKIXParameters validate = new PKIXParameters(anchors);
            validate.setDate(validationTime);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            if (revocation) {
                PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
                checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK)); // OCSP at the AIA URL only
                validate.addCertPathChecker(checker);
            } else {
                validate.setRevocationEnabled(false);
            }
            try {
                validator.validate(path, validate);
            } catch (CertPathValidatorException e) {
                return describe(e);
            }
            return null;
        } catch (InvalidAlgorithmParameterException e) {
            return "cannot validate the path: " + message(e);
        } catch (GeneralSecurityException e) {
            return "cannot validate the path: " + message(e);
        }
    }

    private static String describe(CertPathValidatorException e) {
        String what = message(e);
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return "certificate revoked: " + what;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return "certificate expired: " + what;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return "certificate not yet valid: " + what;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS
                || what.contains("OCSP")) { // "Certificate does not specify OCSP responder", unreachable responder...
            return "revocation status unknown (OCSP): " + what;
        }
        return "certification path not valid: " + what;
    }

    /** Null when there is no ESS signing-certificate(-v2) attribute or it names {@code signer}. */
    private static String signingCertificateMismatch(AttributeTable attributes, X509Certificate signer) {
        if (attributes == null) {
            return null;
        }
        Attribute v2 = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (v2 == null) {
            return null; // signing-certificate v1 (SHA-1) is checked by the signer identifier alone
        }
        try {
            SigningCertificateV2 value = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0));
            ESSCertIDv2 first = value.getCerts()[0];
            String jca = first.getHashAlgorithm().getAlgorithm().equals(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256) ? "SHA-256"
                    : first.getHashAlgorithm().getAlgorithm().getId();
            byte[] hash = MessageDigest.getInstance(jca).digest(signer.getEncoded());
            if (!MessageDigest.isEqual(hash, first.getCertHash())) {
                return "the signed signing-certificate-v2 attribute names another certificate than the signer's";
            }
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return "the signing-certificate-v2 attribute cannot be checked: " + message(e);
        }
    }

    private static Optional<Instant> signingTime(AttributeTable attributes) {
        if (attributes == null) {
            return Optional.empty();
        }
        Attribute time = attributes.get(CMSAttributes.signingTime);
        if (time == null || time.getAttrValues().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant());
    }

    /** The JPKI name otherName, else an e-mail or DNS SubjectAltName, else the subject DN. */
    static String nameOf(X509Certificate certificate) {
        try {
            byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
            if (extension != null) {
                GeneralNames names = GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets());
                String fallback = null;
                for (GeneralName name : names.getNames()) {
                    if (name.getTagNo() == GeneralName.otherName) {
                        OtherName other = OtherName.getInstance(name.getName());
                        if (JPKI_NAME.equals(other.getTypeID())) {
                            ASN1Encodable value = other.getValue();
                            if (value instanceof ASN1TaggedObject tagged) {
                                value = tagged.getExplicitBaseObject();
                            }
                            if (value instanceof ASN1String string && !string.getString().isEmpty()) {
                                return string.getString();
                            }
                        }
                    } else if ((name.getTagNo() == GeneralName.rfc822Name || name.getTagNo() == GeneralName.dNSName)
                            && fallback == null) {
                        fallback = name.getName().toString();
                    }
                }
                if (fallback != null) {
                    return fallback;
                }
            }
        } catch (RuntimeException e) {
            // an odd SubjectAltName: the subject names the signer well enough
        }
        return certificate.getSubjectX500Principal().getName();
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<X509Certificate> certificates(Store<X509CertificateHolder> store) throws CertificateException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> all = new ArrayList<>();
        for (X509CertificateHolder holder : store.getMatches(null)) {
            all.add(converter.getCertificate(holder));
        }
        return all;
    }

    /** DER as is; PEM (any BEGIN label) decoded. */
    static byte[] derOf(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN")) {
            return bytes;
        }
        String pem = new String(bytes, StandardCharsets.US_ASCII);
        int begin = pem.indexOf('\n', pem.indexOf("-----BEGIN"));
        int end = pem.indexOf("-----END");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("malformed PEM");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + 1, end));
    }

    /** Certificates from a PEM (one or more) or DER file's bytes. */
    public static List<X509Certificate> readCertificates(byte[] bytes) throws CertificateException {
        List<X509Certificate> all = new ArrayList<>();
        for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes))) {
            all.add((X509Certificate) c);
        }
        if (all.isEmpty()) {
            throw new CertificateException("no certificate");
        }
        return all;
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

}
