package jp.mynacard.jlis.ocsp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

/**
 * Turns untrusted bytes into an {@link OcspQuery}, refusing anything that is not exactly one
 * OCSPRequest or is bigger than a real client would send. The limits bound the work an anonymous
 * client can cause per request.
 *
 * <p>A signed request is accepted without checking its signature: RFC 6960 §4.1.2 leaves request
 * signatures optional, and the centre answers everyone alike, so a signature would authorise nothing.
 */
final class OcspRequestParser {
    private final int maxBytes;
    private final int maxCertificateIds;

    OcspRequestParser(int maxBytes, int maxCertificateIds) {
        this.maxBytes = maxBytes;
        this.maxCertificateIds = maxCertificateIds;
    }

    OcspQuery parse(byte[] der) throws MalformedOcspRequestException {
        if (der == null || der.length == 0) {
            throw new MalformedOcspRequestException("empty request");
        }
        if (der.length > maxBytes) {
            throw new MalformedOcspRequestException("request of " + der.length + " bytes exceeds " + maxBytes);
        }
        OCSPReq request = decode(der);
        Req[] requests = request.getRequestList();
        if (requests.length == 0 || requests.length > maxCertificateIds) {
            throw new MalformedOcspRequestException("request asks about " + requests.length
                    + " certificates; 1 to " + maxCertificateIds + " allowed");
        }
        List<org.bouncycastle.cert.ocsp.CertificateID> ids = new ArrayList<>(requests.length);
        for (Req single : requests) {
            ids.add(single.getCertID());
        }
        return new OcspQuery(ids, request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
    }

    private static OCSPReq decode(byte[] der) throws MalformedOcspRequestException {
        try {
            // fromByteArray, unlike new OCSPReq(byte[]), rejects trailing bytes after the request
            OCSPReq request = new OCSPReq(OCSPRequest.getInstance(ASN1Primitive.fromByteArray(der)));
            // touch everything lazily parsed now, so that a bad inner structure fails here and not mid-answer
            for (Req single : request.getRequestList()) {
                single.getCertID().getSerialNumber();
                single.getCertID().getHashAlgOID();
            }
            request.getExtensionOIDs();
            return request;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // BouncyCastle reports bad structure as IllegalArgumentException, ClassCastException and the like
            throw new MalformedOcspRequestException("not an OCSP request: " + e);
        }
    }
}
