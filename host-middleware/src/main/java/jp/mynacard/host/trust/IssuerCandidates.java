package jp.mynacard.host.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Which certificates may have issued a certificate, best first. A candidate has the certificate's
 * issuer name as its subject and, when the certificate names the issuing key (authorityKeyIdentifier
 * keyIdentifier) and the candidate its own (subjectKeyIdentifier), the same key identifier: CA
 * generations share one name, their keys tell them apart. When either identifier is absent the
 * name alone decides.
 *
 * <p>The order does not depend on the order the certificates were given in: identifiers that
 * match first, then the newest notBefore, then the SHA-256 of the DER; a certificate given twice
 * counts once.
 */
final class IssuerCandidates {
    private static final Comparator<X509Certificate> NEWEST_FIRST = Comparator
            .comparing((X509Certificate c) -> c.getNotBefore()).reversed()
            .thenComparing(IssuerCandidates::fingerprint, Arrays::compareUnsigned);

    private IssuerCandidates() {
    }

    /** The certificates of {@code pool} that may have issued {@code cert}, best first, each once. */
    static List<X509Certificate> of(X509Certificate cert, Collection<X509Certificate> pool) {
        Optional<byte[]> aki = authorityKeyId(cert);
        Map<X509Certificate, Boolean> keyIdMatch = new LinkedHashMap<>(); // a map: equal certificates count once
        for (X509Certificate c : pool) {
            if (!c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            Optional<byte[]> ski = subjectKeyId(c);
            if (aki.isPresent() && ski.isPresent()) {
                if (Arrays.equals(aki.get(), ski.get())) {
                    keyIdMatch.put(c, true);
                }
            } else {
                keyIdMatch.put(c, false);
            }
        }
        return keyIdMatch.keySet().stream()
                .sorted(Comparator.comparing((X509Certificate c) -> !keyIdMatch.get(c)).thenComparing(NEWEST_FIRST))
                .toList();
    }

    /** {@code pool} without duplicates, in the order of {@link #of}'s tie-break (newest first, then SHA-256). */
    static List<X509Certificate> ordered(Collection<X509Certificate> pool) {
        return pool.stream().distinct().sorted(NEWEST_FIRST).toList();
    }

    static Optional<byte[]> authorityKeyId(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(AuthorityKeyIdentifier.getInstance(octets(ext)).getKeyIdentifier());
    }

    static Optional<byte[]> subjectKeyId(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return ext == null ? Optional.empty()
                : Optional.of(SubjectKeyIdentifier.getInstance(octets(ext)).getKeyIdentifier());
    }

    private static byte[] octets(byte[] extensionValue) {
        return ASN1OctetString.getInstance(extensionValue).getOctets();
    }

    private static byte[] fingerprint(X509Certificate cert) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash a certificate that was parsed: " + e.getMessage(), e);
        }
    }
}
