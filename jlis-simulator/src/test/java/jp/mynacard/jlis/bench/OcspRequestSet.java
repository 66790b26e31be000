package jp.mynacard.jlis.bench;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The requests both servers are sent, built once before any measurement: per certificate a
 * single-CertID request (SHA-1 CertID, as RFC 5019 clients send) without nonce, and the same
 * with a 16-byte nonce whose bytes are overwritten with fresh random ones at every send.
 */
final class OcspRequestSet {
    static final int NONCE_BYTES = 16;

    record Target(BigInteger serial, boolean revoked, byte[] plain, byte[] nonced, int nonceOffset) {
        /** A copy of the nonced request with a new random nonce, and that nonce. */
        byte[] withFreshNonce(byte[] nonceOut) {
            ThreadLocalRandom.current().nextBytes(nonceOut);
            byte[] request = nonced.clone();
            System.arraycopy(nonceOut, 0, request, nonceOffset, NONCE_BYTES);
            return request;
        }
    }

    private final List<Target> targets;
    private final X509Certificate ca;

    private OcspRequestSet(List<Target> targets, X509Certificate ca) {
        this.targets = targets;
        this.ca = ca;
    }

    static OcspRequestSet build(X509Certificate ca, List<BigInteger> serials, java.util.Set<BigInteger> revoked)
            throws Exception {
        DigestCalculatorProvider digests = new BcDigestCalculatorProvider();
        X509CertificateHolder issuer = new X509CertificateHolder(ca.getEncoded());
        List<Target> targets = new ArrayList<>();
        for (BigInteger serial : serials) {
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuer, serial);
            byte[] plain = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            byte[] marker = new byte[NONCE_BYTES];
            ThreadLocalRandom.current().nextBytes(marker);
            Extension nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(marker).getEncoded());
            byte[] nonced = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(nonce)).build()
                    .getEncoded();
            int offset = indexOf(nonced, marker);
            if (offset < 0) {
                throw new IllegalStateException("nonce not found in its request");
            }
            targets.add(new Target(serial, revoked.contains(serial), plain, nonced, offset));
        }
        return new OcspRequestSet(targets, ca);
    }

    List<Target> targets() {
        return targets;
    }

    Target random() {
        return targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
    }

    /**
     * The check made on every response: an OCSPResponse SEQUENCE whose responseStatus is
     * successful(0). An error status is a few bytes and would make a server look fast.
     */
    static boolean successful(byte[] der) {
        if (der.length < 16 || der[0] != 0x30) {
            return false;
        }
        int i = 1;
        int first = der[i++] & 0xFF;
        if (first >= 0x80) {
            i += first & 0x7F;
        }
        return i + 2 < der.length && der[i] == 0x0A && der[i + 1] == 0x01 && der[i + 2] == 0x00;
    }

    /**
     * The full check made on a sample: one SingleResponse for that serial with the expected status,
     * the nonce echoed when one was sent, signed by a responder certificate that the CA issued.
     *
     * @return null when the response is right, else what is wrong
     */
    String verify(Target target, byte[] der, byte[] nonce) {
        try {
            OCSPResp response = new OCSPResp(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                return "responseStatus " + response.getStatus();
            }
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            SingleResp[] singles = basic.getResponses();
            if (singles.length != 1 || !singles[0].getCertID().getSerialNumber().equals(target.serial())) {
                return "not the one answer asked for";
            }
            CertificateStatus status = singles[0].getCertStatus();
            boolean revoked = status instanceof RevokedStatus;
            if (status != CertificateStatus.GOOD && !revoked) {
                return "status " + status.getClass().getSimpleName() + " for " + target.serial().toString(16);
            }
            if (revoked != target.revoked()) {
                return (revoked ? "revoked" : "good") + " but expected " + (target.revoked() ? "revoked" : "good");
            }
            if (nonce != null) {
                Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
                if (echoed == null) {
                    return "nonce not echoed";
                }
                byte[] value = echoed.getExtnValue().getOctets();
                byte[] unwrapped = org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets();
                if (!Arrays.equals(unwrapped, nonce)) {
                    return "another nonce echoed";
                }
            }
            X509CertificateHolder[] certificates = basic.getCerts();
            if (certificates.length == 0) {
                return "no responder certificate in the response";
            }
            X509CertificateHolder responder = certificates[0];
            if (!responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.getPublicKey()))) {
                return "responder certificate not issued by the CA";
            }
            if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                return "bad response signature";
            }
            return null;
        } catch (Exception e) {
            return "unparsable: " + e;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
