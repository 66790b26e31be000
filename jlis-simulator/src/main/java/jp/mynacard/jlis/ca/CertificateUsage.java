package jp.mynacard.jlis.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyUsage;

/** The two kinds of JPKI certificate, each issued by its own CA (spec §3). */
public enum CertificateUsage {
    /** 署名用電子証明書: digitalSignature + nonRepudiation, carries the four attributes. */
    SIGNATURE("sign", "signature", "JPKI for digital signature", "1.2.392.200149.8.5.1.1.20",
            KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
    /** 利用者証明用電子証明書: digitalSignature only, no personal data. */
    USER_AUTHENTICATION("auth", "user authentication", "JPKI for user authentication", "1.2.392.200149.8.5.1.3.30",
            KeyUsage.digitalSignature);

    static final String CENTRE = "Japan Agency for Local Authority Information Systems";

    private final String shortName;
    private final String displayName;
    private final String caUnit;
    private final String policy;
    private final int keyUsage;

    CertificateUsage(String shortName, String displayName, String caUnit, String policy, int keyUsage) {
        this.shortName = shortName;
        this.displayName = displayName;
        this.caUnit = caUnit;
        this.policy = policy;
        this.keyUsage = keyUsage;
    }

    /** {@code C=JP, O=JPKI, OU=<usage>, OU=Japan Agency for Local Authority Information Systems}. */
    public X500Name caName() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "JP")
                .addRDN(BCStyle.O, "JPKI")
                .addRDN(BCStyle.OU, caUnit)
                .addRDN(BCStyle.OU, CENTRE)
                .build();
    }

    /** "sign" or "auth": in URLs, file names and the CLI's {@code --type}. */
    public String shortName() {
        return shortName;
    }

    /** "signature" or "user authentication", for messages. */
    public String displayName() {
        return displayName;
    }

    public static CertificateUsage fromShortName(String name) {
        for (CertificateUsage usage : values()) {
            if (usage.shortName.equals(name)) {
                return usage;
            }
        }
        throw new IllegalArgumentException("certificate type must be auth or sign, not '" + name + "'");
    }

    public String policyOid() {
        return policy;
    }

    int keyUsageBits() {
        return keyUsage;
    }
}
