package jp.mynacard.jlis.crl;

/**
 * How the centre publishes its CRLs, fixed for a data directory because the certificates it issued
 * name the CRLs ({@link CrlProfileFile}): how many partitions each CA's holder CRL has, which key
 * signs them, and whether holder certificates name one indirect CRL for both CAs instead.
 */
public record CrlProfile(int partitions, CrlSignerMode signer, boolean indirect) {
    /** One CRL per CA signed by the CA key, no indirect CRL: the profile of a data directory made before there was a choice. */
    public static final CrlProfile DEFAULT = new CrlProfile(1, CrlSignerMode.CA, false);
    /** Far more than any registry needs; a typo of 10000 would otherwise mean 20000 files every quarter hour. */
    public static final int MAX_PARTITIONS = 256;

    public CrlProfile {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("--crl-partitions must be from 1 to " + MAX_PARTITIONS + ", not " + partitions);
        }
        if (signer == null) {
            throw new IllegalArgumentException("no CRL signer mode");
        }
        if (indirect && partitions > 1) {
            // the holder certificates would name the indirect CRL, never a partition
            throw new IllegalArgumentException("--indirect-crl and --crl-partitions " + partitions
                    + " do not go together: certificates name the one indirect CRL, which is not partitioned");
        }
    }

    /** As the options of {@code bin/jlis serve} spell it. */
    public String describe() {
        return "--crl-partitions " + partitions + " --crl-signer " + signer.option() + (indirect ? " --indirect-crl" : "");
    }
}
