package jp.mynacard.jlis.crl;

/** Which key signs a CA's holder-certificate CRLs: the CA's own, or a CRL signer the CA certified. */
public enum CrlSignerMode {
    /** The CA key signs everything, as before there was a choice. */
    CA("ca"),
    /** A dedicated cRLSign key under the CA's name (RFC 5280 §5, §6.3.3), so the CA key signs only certificates. */
    SEPARATE("separate");

    private final String option;

    CrlSignerMode(String option) {
        this.option = option;
    }

    /** "ca" or "separate", as {@code bin/jlis serve --crl-signer} takes it. */
    public String option() {
        return option;
    }

    public static CrlSignerMode fromOption(String option) {
        for (CrlSignerMode mode : values()) {
            if (mode.option.equals(option)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("the CRL signer must be 'ca' or 'separate', not '" + option + "'");
    }
}
