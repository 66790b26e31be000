package jp.mynacard.jlis.ocsp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.jlis.ca.CertificateUsage;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * Finds which of the centre's CAs a CertID names, by issuerNameHash and issuerKeyHash (RFC 6960
 * §4.1.1). The hashes are computed once per CA and algorithm, not per request.
 */
final class IssuerMatcher {
    /** SHA-1 is what OpenSSL and most clients send; SHA-256 is what newer ones may. */
    private static final Map<ASN1ObjectIdentifier, String> ALGORITHMS = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256");

    private record IssuerHashes(ASN1ObjectIdentifier algorithm, byte[] nameHash, byte[] keyHash, CertificateUsage usage) {
        boolean matches(CertificateID id) {
            return algorithm.equals(id.getHashAlgOID())
                    && Arrays.equals(nameHash, id.getIssuerNameHash())
                    && Arrays.equals(keyHash, id.getIssuerKeyHash());
        }
    }

    private final List<IssuerHashes> issuers = new ArrayList<>();

    IssuerMatcher(Map<CertificateUsage, X509Certificate> caCertificates) {
        caCertificates.forEach((usage, certificate) -> ALGORITHMS.forEach((oid, name) -> {
            MessageDigest digest = digest(name);
            byte[] nameHash = digest.digest(certificate.getSubjectX500Principal().getEncoded());
            // the key hash covers the subjectPublicKey BIT STRING's value, not the whole SubjectPublicKeyInfo
            byte[] key = SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
            issuers.add(new IssuerHashes(oid, nameHash, digest.digest(key), usage));
        }));
    }

    Optional<CertificateUsage> issuerOf(CertificateID id) {
        for (IssuerHashes issuer : issuers) {
            if (issuer.matches(id)) {
                return Optional.of(issuer.usage());
            }
        }
        return Optional.empty();
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is missing from this JRE", e);
        }
    }
}
