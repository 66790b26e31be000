package jp.mynacard.perso.counter;

/** The two JPKI certificates of a card, by the name the centre's admin API uses for each. */
public enum CertificateKind {
    AUTH("auth"),
    SIGN("sign");

    private final String centreName;

    CertificateKind(String centreName) {
        this.centreName = centreName;
    }

    public String centreName() {
        return centreName;
    }
}
