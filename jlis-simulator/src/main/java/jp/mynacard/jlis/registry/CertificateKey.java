package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import jp.mynacard.jlis.ca.CertificateUsage;

/** A certificate's identity at the centre: each CA numbers its certificates on its own. */
record CertificateKey(CertificateUsage usage, BigInteger serial) {
}
