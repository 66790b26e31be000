package jp.mynacard.jlis.ocsp;

import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;

/**
 * What a well-formed request asks: the CertIDs in request order and the nonce extension exactly
 * as sent (null when there is none), to be echoed unchanged.
 */
record OcspQuery(List<CertificateID> certificateIds, Extension nonce) {
    OcspQuery {
        certificateIds = List.copyOf(certificateIds);
    }

    /** RFC 5019 §2.2.1: only a single-CertID request without nonce may be answered from a pre-signed response. */
    boolean cacheable() {
        return nonce == null && certificateIds.size() == 1;
    }
}
