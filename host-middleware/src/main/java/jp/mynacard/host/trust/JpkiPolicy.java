package jp.mynacard.host.trust;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The certificate policies of the two JPKI certificates, by the names {@code myna verify-cert
 * --policy} takes. The OIDs are the ones the centre writes in every holder certificate
 * (jlis-simulator's {@code CertificateUsage.policyOid()}).
 */
public enum JpkiPolicy {
    /** 署名用電子証明書. */
    SIGNATURE("jpki-sign", "1.2.392.200149.8.5.1.1.20"),
    /** 利用者証明用電子証明書. */
    USER_AUTHENTICATION("jpki-auth", "1.2.392.200149.8.5.1.3.30");

    private final String presetName;
    private final String oid;

    JpkiPolicy(String presetName, String oid) {
        this.presetName = presetName;
        this.oid = oid;
    }

    /** "jpki-sign" or "jpki-auth". */
    public String presetName() {
        return presetName;
    }

    public String oid() {
        return oid;
    }

    /** The policy of that preset name (case-insensitive), if it is one. */
    public static Optional<JpkiPolicy> byPresetName(String name) {
        return Arrays.stream(values()).filter(p -> p.presetName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The preset of that OID, if it is one. */
    public static Optional<JpkiPolicy> byOid(String oid) {
        return Arrays.stream(values()).filter(p -> p.oid.equals(oid)).findFirst();
    }
}
