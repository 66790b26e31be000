package jp.mynacard.host.trust;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jp.mynacard.host.revocation.CrlFormatException;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.CrlVerificationException;

/**
 * Finds the certificate whose key verifies a CRL (RFC 5280 §6.3.3 (f)): one named as the CRL's issuer,
 * with the key the CRL's authorityKeyIdentifier names, allowed to sign CRLs, and either the issuer of
 * the certificate being checked or the trust anchor, or on a valid path to that same anchor. So a CRL
 * signed by a CA's newer key (after a rollover), by a separate CRL-signing key under the CA's name, or
 * by another CRL issuer (an indirect CRL) is verified, and one signed by any other key is not.
 *
 * <p>The CRL signer's own revocation is not checked (as OpenSSL and most validators do): its
 * certificate is on a valid path to the anchor, and a compromised CRL key is answered by the CA
 * issuing a new one. See docs/host-trust.md.
 */
final class CrlSigners {

    /** Where signer certificates come from and how a path to an anchor is decided. */
    interface Paths {
        /** The certificates that may verify this CRL: given, anchors, fetched from its caIssuers. */
        Collection<X509Certificate> candidates(CrlIndex header);

        /** Whether {@code signer} has a valid path, at {@code when}, to {@code anchor}. */
        boolean chainsTo(X509Certificate signer, X509Certificate anchor, Instant when);
    }

    /** Opens the CRL's DER afresh: it is read twice, once for its header and once to verify it. */
    interface Der {
        InputStream open() throws IOException;
    }

    /** A CRL no acceptable certificate verifies; the message says why. */
    static final class Unverified extends Exception {
        private static final long serialVersionUID = 1L;

        Unverified(String message) {
            super(message, null, false, false);
        }
    }

    /** A verified CRL and the certificate that verified it. */
    record Verified(CrlIndex crl, X509Certificate signer) {
    }

    private final Paths paths;

    CrlSigners(Paths paths) {
        this.paths = paths;
    }

    /** The CRL whose header is {@code header}, verified by an acceptable signer of {@code query}'s path. */
    Verified verify(CrlIndex header, Der der, RevocationQuery query) throws Unverified, IOException, CrlFormatException {
        List<String> refused = new ArrayList<>();
        for (X509Certificate signer : candidates(header, query)) {
            if (!acceptable(signer, query)) {
                refused.add(describe(signer) + " has no valid path to the trust anchor");
                continue;
            }
            try (InputStream in = der.open()) {
                return new Verified(CrlIndex.load(in, signer), signer);
            } catch (CrlVerificationException e) {
                refused.add(e.getMessage());
            }
        }
        String key = header.authorityKeyId().map(k -> " with key id " + hex(k)).orElse("");
        throw new Unverified("no certificate of " + header.issuer().getName() + key + " on a path to the trust anchor"
                + " verifies it" + (refused.isEmpty() ? "" : " (" + String.join("; ", refused) + ")"));
    }

    /** Whether {@code signer} may vouch for a CRL about {@code query}'s certificate. */
    boolean acceptable(X509Certificate signer, RevocationQuery query) {
        return sameKey(signer, query.issuer()) || sameKey(signer, query.anchor())
                || paths.chainsTo(signer, query.anchor(), query.when());
    }

    /** Named as the CRL's issuer, with its key id, allowed to sign CRLs; the path's own issuer first. */
    private List<X509Certificate> candidates(CrlIndex header, RevocationQuery query) {
        List<X509Certificate> all = new ArrayList<>();
        all.add(query.issuer());
        all.add(query.anchor());
        all.addAll(IssuerCandidates.ordered(paths.candidates(header))); // in an order of their own, not the input's
        List<X509Certificate> fit = new ArrayList<>();
        Optional<byte[]> keyId = header.authorityKeyId();
        for (X509Certificate c : all) {
            if (c.getSubjectX500Principal().equals(header.issuer()) && keyIdMatches(c, keyId) && mayCrlSign(c)
                    && !fit.contains(c)) {
                fit.add(c);
            }
        }
        return fit;
    }

    private static boolean keyIdMatches(X509Certificate c, Optional<byte[]> keyId) {
        if (keyId.isEmpty()) {
            return true;
        }
        Optional<byte[]> ski = IssuerCandidates.subjectKeyId(c);
        return ski.isEmpty() || Arrays.equals(ski.get(), keyId.get());
    }

    private static boolean mayCrlSign(X509Certificate c) {
        boolean[] usage = c.getKeyUsage();
        return usage == null || (usage.length > 6 && usage[6]);
    }

    private static boolean sameKey(X509Certificate a, X509Certificate b) {
        return a.getSubjectX500Principal().equals(b.getSubjectX500Principal())
                && a.getPublicKey().equals(b.getPublicKey());
    }

    private static String describe(X509Certificate c) {
        Optional<byte[]> ski = IssuerCandidates.subjectKeyId(c);
        return "the certificate of " + c.getSubjectX500Principal().getName()
                + ski.map(k -> " with key id " + hex(k)).orElse(" (serial " + c.getSerialNumber().toString(16) + ")");
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
