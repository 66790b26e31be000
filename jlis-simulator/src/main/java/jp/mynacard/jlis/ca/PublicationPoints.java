package jp.mynacard.jlis.ca;

import java.math.BigInteger;
import java.net.URI;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Where the centre publishes revocation information and the certificates that verify it, as
 * written into every certificate it issues: the CRL distribution point (the partition of the
 * certificate's serial, or the indirect CRL), the delta CRL (FreshestCRL), the OCSP responder and
 * the CA's certificates (AIA caIssuers: every generation and link, as a certs-only bundle).
 *
 * @param crlPartitions     how many partitions each CA's holder CRL is split into (1: one CRL, named as always)
 * @param indirectCrlIssuer the issuer of the one indirect CRL that holder certificates name; null for none
 */
public record PublicationPoints(URI base, int crlPartitions, X500Name indirectCrlIssuer) {
    /** The file name of the indirect CRL, under {@code crl/}. */
    public static final String INDIRECT_CRL = "jpki-indirect.crl";

    public PublicationPoints {
        String text = base.toString();
        if (!text.endsWith("/")) {
            base = URI.create(text + "/");
        }
        if (!"http".equals(base.getScheme())) {
            // RFC 5280 §4.2.1.13: relying parties fetch CRLs over plain HTTP; they are signed already
            throw new IllegalArgumentException("the public URL must be http://, not " + text);
        }
        if (crlPartitions < 1) {
            throw new IllegalArgumentException("the number of CRL partitions must be at least 1, not " + crlPartitions);
        }
    }

    /** One CRL per CA, no indirect CRL. */
    public PublicationPoints(URI base) {
        this(base, 1, null);
    }

    public static PublicationPoints at(String baseUrl) {
        return new PublicationPoints(URI.create(baseUrl));
    }

    /** The complete holder CRL of partition 0: the only one when the CRLs are not partitioned. */
    public URI crl(CertificateUsage usage) {
        return crl(usage, 0);
    }

    /** The delta CRL of partition 0: the only one when the CRLs are not partitioned. */
    public URI deltaCrl(CertificateUsage usage) {
        return deltaCrl(usage, 0);
    }

    public URI crl(CertificateUsage usage, int partition) {
        return base.resolve("crl/" + crlFileName(usage, partition));
    }

    public URI deltaCrl(CertificateUsage usage, int partition) {
        return base.resolve("crl/" + deltaCrlFileName(usage, partition));
    }

    /** {@code sign.crl} unpartitioned, {@code sign-p3.crl} for partition 3 of several. */
    public String crlFileName(CertificateUsage usage, int partition) {
        return partitionStem(usage, partition) + ".crl";
    }

    /** {@code sign-delta.crl} unpartitioned, {@code sign-p3-delta.crl} for partition 3 of several. */
    public String deltaCrlFileName(CertificateUsage usage, int partition) {
        return partitionStem(usage, partition) + "-delta.crl";
    }

    /** The partition whose CRL lists this serial: serial mod the number of partitions. */
    public int partitionOf(BigInteger serial) {
        return serial.mod(BigInteger.valueOf(crlPartitions)).intValueExact();
    }

    /** The complete CRL that a holder certificate with this serial names as its distribution point. */
    public URI crlOf(CertificateUsage usage, BigInteger serial) {
        return indirectCrlIssuer != null ? indirectCrl() : crl(usage, partitionOf(serial));
    }

    /** The CRL of the certificates the CA issued to its own infrastructure (link certificates, CRL signers). */
    public URI infrastructureCrl(CertificateUsage usage) {
        return base.resolve("crl/" + usage.shortName() + "-ca.crl");
    }

    public URI indirectCrl() {
        return base.resolve("crl/" + INDIRECT_CRL);
    }

    /** The CA's current certificate, DER. */
    public URI caCertificate(CertificateUsage usage) {
        return base.resolve("ca/" + usage.shortName() + ".der");
    }

    /** The separate CRL signer's certificate, DER. */
    public URI crlSignerCertificate(CertificateUsage usage) {
        return base.resolve("ca/" + usage.shortName() + "-crl-signer.der");
    }

    /** The indirect CRL issuer's certificate from this CA, DER. */
    public URI crlIssuerCertificate(CertificateUsage usage) {
        return base.resolve("ca/crl-issuer-" + usage.shortName() + ".der");
    }

    /**
     * Every certificate of that CA a relying party may need to reach a CRL or certificate signer
     * from any generation's anchor: each generation, the links between them, the CRL signer's
     * certificate. A certs-only CMS bundle (RFC 5280 §4.2.2.1), named by caIssuers in holder
     * certificates and CRLs: {@code ca/sign-all.p7c}.
     */
    public URI caCertificates(CertificateUsage usage) {
        return base.resolve("ca/" + usage.shortName() + "-all.p7c");
    }

    public URI ocsp() {
        return base.resolve("ocsp");
    }

    private String partitionStem(CertificateUsage usage, int partition) {
        if (partition < 0 || partition >= crlPartitions) {
            throw new IllegalArgumentException("no CRL partition " + partition + " of " + crlPartitions);
        }
        return crlPartitions == 1 ? usage.shortName() : usage.shortName() + "-p" + partition;
    }
}
