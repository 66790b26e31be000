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
 * Finds which of the centre's CA keys a CertID names, by issuerNameHash and issuerKeyHash (RFC
 * 6960 §4.1.1): every generation of each CA, which share a name and differ in key. The hashes are
 * computed once per CA key and algorithm, not per request; a rollover adds a key while requests
 * are answered.
 */
final class IssuerMatcher {
    /** SHA-1 is what OpenSSL and most clients send; SHA-256 is what newer ones may. */
    private static final Map<ASN1ObjectIdentifier, String> ALGORITHMS = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256");

    /**
     * One CA key the responder answers for: its CA, a number telling it from the CA's other keys
     * (in the order they were added), and the delegated responder that key certified.
     */
    record Issuer(CertificateUsage usage, int key, OcspResponseSigner signer) {
    }

    private record IssuerHashes(ASN1ObjectIdentifier algorithm, byte[] nameHash, byte[] keyHash, Issuer issuer) {
        boolean matches(CertificateID id) {
            return algorithm.equals(id.getHashAlgOID())
                    && Arrays.equals(nameHash, id.getIssuerNameHash())
                    && Arrays.equals(keyHash, id.getIssuerKeyHash());
        }
    }

    private volatile List<IssuerHashes> issuers = List.of();

    /** From now on, CertIDs naming this CA certificate's name and key are the issuer's. */
    synchronized Issuer add(X509Certificate caCertificate, CertificateUsage usage, OcspResponseSigner signer) {
        int key = (int) issuers.stream().filter(hashes -> hashes.issuer().usage() == usage).map(IssuerHashes::issuer)
                .distinct().count() + 1;
        Issuer issuer = new Issuer(usage, key, signer);
        List<IssuerHashes> added = new ArrayList<>(issuers);
        ALGORITHMS.forEach((oid, name) -> {
            MessageDigest digest = digest(name);
            byte[] nameHash = digest.digest(caCertificate.getSubjectX500Principal().getEncoded());
            // the key hash covers the subjectPublicKey BIT STRING's value, not the whole SubjectPublicKeyInfo
            byte[] keyBits = SubjectPublicKeyInfo.getInstance(caCertificate.getPublicKey().getEncoded())
                    .getPublicKeyData().getBytes();
            added.add(new IssuerHashes(oid, nameHash, digest.digest(keyBits), issuer));
        });
        issuers = List.copyOf(added);
        return issuer;
    }

    Optional<Issuer> issuerOf(CertificateID id) {
        for (IssuerHashes issuer : issuers) {
            if (issuer.matches(id)) {
                return Optional.of(issuer.issuer());
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
