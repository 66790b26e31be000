package jp.mynacard.jlis.crl;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.KeyIdentifier;
import jp.mynacard.jlis.der.DerHeader;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * Writes one X.509 v2 CRL (RFC 5280 §5) as DER without holding its entries: a first pass over
 * the entries adds up their lengths, which DER needs before the first byte, and a second pass
 * streams them into the output and the signature at once. The signer is a CA or a CRL signer it
 * certified (its certificate's subject is the CRL's issuer); the scope gives the CRL's critical
 * issuingDistributionPoint and where the signer's certificate is.
 */
public final class CrlWriter {
    /** What {@link CertificateAuthority#streamingSigner()} signs with. */
    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    private static final int BUFFER = 64 * 1024;

    private final CrlEntrySource entries;
    private final CertificateAuthority ca;
    private final CrlScope scope;

    /** @param ca the key that signs, and whose certificate's subject is the CRL's issuer */
    public CrlWriter(CrlEntrySource entries, CertificateAuthority ca, CrlScope scope) {
        this.entries = entries;
        this.ca = ca;
        this.scope = scope;
    }

    /**
     * Writes the CRL to {@code target}, which is flushed but left open.
     *
     * @return the number of bytes written
     * @throws IOException also when the registry listed different entries in the two passes
     */
    public long write(CrlSpec spec, OutputStream target) throws IOException {
        long entriesLength = measureEntries(spec);
        // version v2, signature, issuer, thisUpdate, nextUpdate: the TBSCertList fields before the entries
        byte[] head = concatenate(new ASN1Integer(1), SHA256_WITH_RSA, ca.name(),
                CrlTime.time(spec.thisUpdate()), CrlTime.time(spec.nextUpdate()));
        byte[] extensions = encode(new DERTaggedObject(true, 0, extensions(spec)));
        // an empty CRL omits revokedCertificates altogether rather than writing an empty SEQUENCE (§5.1.2.6)
        long revokedLength = entriesLength == 0 ? 0 : DerHeader.size(entriesLength) + entriesLength;
        long tbsContent = head.length + revokedLength + extensions.length;
        byte[] algorithm = encode(SHA256_WITH_RSA);
        int signatureBytes = signatureLength();
        long bitStringContent = 1 + signatureBytes;
        long listContent = DerHeader.size(tbsContent) + tbsContent
                + algorithm.length + DerHeader.size(bitStringContent) + bitStringContent;

        OutputStream out = new BufferedOutputStream(target, BUFFER);
        DerHeader.write(out, DerHeader.SEQUENCE, listContent);
        Signature signer = ca.streamingSigner();
        SigningOutputStream tbs = new SigningOutputStream(out, signer);
        DerHeader.write(tbs, DerHeader.SEQUENCE, tbsContent);
        tbs.write(head);
        if (entriesLength > 0) {
            DerHeader.write(tbs, DerHeader.SEQUENCE, entriesLength);
            long before = tbs.count();
            streamEntries(spec, tbs);
            if (tbs.count() - before != entriesLength) {
                // the lengths already written would be wrong: refuse rather than publish a broken CRL
                throw new IOException("the registry listed " + (tbs.count() - before) + " bytes of CRL entries of "
                        + scope.distributionPoint() + " in the second pass, " + entriesLength + " in the first");
            }
        }
        tbs.write(extensions);
        out.write(algorithm);
        byte[] signature = sign(signer, signatureBytes);
        DerHeader.write(out, DerHeader.BIT_STRING, bitStringContent);
        out.write(0); // no unused bits
        out.write(signature);
        out.flush();
        return DerHeader.size(listContent) + listContent;
    }

    private long measureEntries(CrlSpec spec) {
        long[] total = {0};
        entries.forEach(spec.after(), spec.upTo(), entry -> total[0] += entry.length);
        return total[0];
    }

    private void streamEntries(CrlSpec spec, OutputStream out) throws IOException {
        try {
            entries.forEach(spec.after(), spec.upTo(), entry -> {
                try {
                    out.write(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Extensions extensions(CrlSpec spec) throws IOException {
        List<Extension> extensions = new ArrayList<>();
        // the key identifier alone: it names the signing key whichever certificate of it a relying party holds
        extensions.add(new Extension(Extension.authorityKeyIdentifier, false,
                encode(KeyIdentifier.authorityOf(ca.certificate()))));
        extensions.add(new Extension(Extension.cRLNumber, false, encode(new CRLNumber(spec.number()))));
        if (spec.isDelta()) {
            // critical: a relying party that does not know delta CRLs must not take this for a full CRL
            extensions.add(new Extension(Extension.deltaCRLIndicator, true, encode(new CRLNumber(spec.baseNumber()))));
        } else if (spec.freshestCrl() != null) {
            GeneralNames url = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                    spec.freshestCrl().toString()));
            extensions.add(new Extension(Extension.freshestCRL, false, encode(new CRLDistPoint(
                    new DistributionPoint[] {new DistributionPoint(new DistributionPointName(url), null, null)}))));
        }
        // critical (§5.2.5): a relying party that ignored the scope could take this CRL for one covering everything
        GeneralNames point = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                scope.distributionPoint().toString()));
        extensions.add(new Extension(Extension.issuingDistributionPoint, true, encode(new IssuingDistributionPoint(
                new DistributionPointName(point), scope.onlyUserCertificates(), false, null, scope.indirect(), false))));
        AccessDescription[] signers = scope.signerCertificates().stream()
                .map(uri -> new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString())))
                .toArray(AccessDescription[]::new);
        if (signers.length > 0) {
            extensions.add(new Extension(Extension.authorityInfoAccess, false,
                    encode(new AuthorityInformationAccess(signers))));
        }
        return new Extensions(extensions.toArray(new Extension[0]));
    }

    /** RSA signatures are exactly as long as the modulus, which DER needs before signing. */
    private int signatureLength() {
        return (((RSAPublicKey) ca.publicKey()).getModulus().bitLength() + 7) / 8;
    }

    private static byte[] sign(Signature signer, int expectedLength) throws IOException {
        try {
            byte[] signature = signer.sign();
            if (signature.length != expectedLength) {
                throw new IOException("signature of " + signature.length + " bytes, expected " + expectedLength);
            }
            return signature;
        } catch (SignatureException e) {
            throw new IOException("cannot sign the CRL", e);
        }
    }

    private static byte[] concatenate(ASN1Encodable... elements) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ASN1Encodable element : elements) {
            out.write(encode(element));
        }
        return out.toByteArray();
    }

    private static byte[] encode(ASN1Encodable element) throws IOException {
        return element.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }
}
