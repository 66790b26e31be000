package jp.mynacard.jlis.ocsp;

import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;

/**
 * One SingleResponse before signing: the CertID exactly as asked, its status (null is good, as in
 * BouncyCastle), and singleExtensions (null when none).
 */
record SingleAnswer(CertificateID certificateId, CertificateStatus status, Extensions extensions) {
}
