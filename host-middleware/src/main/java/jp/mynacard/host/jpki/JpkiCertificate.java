package jp.mynacard.host.jpki;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The four certificate EFs of the JPKI AP (spec §3), with the names the CLI uses for them. */
public enum JpkiCertificate {
    AUTH(0x000A, "auth"),
    AUTH_CA(0x000B, "auth-ca"),
    SIGN(0x0001, "sign"),
    SIGN_CA(0x0002, "sign-ca");

    private final int fid;
    private final String cliName;

    JpkiCertificate(int fid, String cliName) {
        this.fid = fid;
        this.cliName = cliName;
    }

    public int fid() {
        return fid;
    }

    public String cliName() {
        return cliName;
    }

    /** Only the signature certificate carries personal data, so only it is read-protected by the sign PIN. */
    public boolean needsSignPin() {
        return this == SIGN;
    }

    public static JpkiCertificate fromCliName(String name) {
        for (JpkiCertificate c : values()) {
            if (c.cliName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown certificate '" + name + "', expected one of "
                + Arrays.stream(values()).map(JpkiCertificate::cliName).collect(Collectors.joining(", ")));
    }
}
