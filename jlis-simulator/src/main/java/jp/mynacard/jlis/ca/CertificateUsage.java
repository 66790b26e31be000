package jp.mynacard.jlis.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyUsage;

/** The two kinds of JPKI certificate, each issued by its own CA (spec §3). */
public enum CertificateUsage {
    /** 署名用電子証明書: digitalSignature + nonRepudiation, carries the four attributes. */
    SIGNATURE("JPKI for digital signature", "1.2.392.200149.8.5.1.1.20",
            KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
    /** 利用者証明用電子証明書: digitalSignature only, no personal data. */
    USER_AUTHENTICATION("JPKI for user authentication", "1.2.392.200149.8.5.1.3.30",
            KeyUsage.digitalSignature);

    static final String CENTRE = "Japan Agency for Local Authority Information Systems";

    private final String caUnit;
    private final String policy;
    private final int keyUsage;

    CertificateUsage(String caUnit, String policy, int keyUsage) {
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

    public String policyOid() {
        return policy;
    }

    int keyUsageBits() {
        return keyUsage;
    }
}
