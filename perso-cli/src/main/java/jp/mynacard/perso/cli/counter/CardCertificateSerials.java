package jp.mynacard.perso.cli.counter;

import jp.mynacard.perso.counter.CardCertificates;
import picocli.CommandLine.Option;

/** The serials of a card's two certificates, from the municipality's issuance records. */
final class CardCertificateSerials {
    @Option(names = "--auth-serial", required = true, paramLabel = "HEX", description = "serial of the authentication certificate")
    String auth;

    @Option(names = "--sign-serial", required = true, paramLabel = "HEX", description = "serial of the signature certificate")
    String sign;

    CardCertificates certificates() {
        return CardCertificates.ofHex(auth, sign);
    }
}
