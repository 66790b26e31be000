package jp.mynacard.kiosk;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.host.kiosk.HolderVerifier;
import jp.mynacard.jlis.client.AdminTokenFile;
import jp.mynacard.host.trust.CertificateValidator;
import picocli.CommandLine.Option;

/** The municipal service's settings, shared by {@code kiosk} (service embedded) and {@code kiosk serve}. */
final class ServiceOptions {
    @Option(names = "--centre", paramLabel = "URL", description = "the J-LIS centre (OCSP is at the URL in each "
            + "certificate; this one answers whom a certificate was issued to, and serves the CA unless --trust)")
    URI centre;

    @Option(names = "--trust", paramLabel = "FILE", description = "user-authentication CA certificate(s), PEM or DER "
            + "(every generation, and the link certificates between them: jlis ca --type auth --all; "
            + "default: fetched from the centre's /ca/auth-all.pem)")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--register", paramLabel = "FILE", description = "the municipal register, CSV (default: the sample "
            + "register of 千代田区 shipped with the kiosk)")
    Path register;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MYNACARD_ADMIN_TOKEN}",
            description = "the centre's admin token, for the holder query (env MYNACARD_ADMIN_TOKEN; default: read from"
                    + " --admin-token-file)")
    String adminToken;

    @Option(names = "--admin-token-file", paramLabel = "FILE", defaultValue = "${env:MYNACARD_ADMIN_TOKEN_FILE}",
            description = "the file holding the centre's admin token, its DATA/admin-token (env MYNACARD_ADMIN_TOKEN_FILE;"
                    + " default: jlis-data/admin-token when it exists and the centre is on this host)")
    Path adminTokenFile;

    @Option(names = "--service-name", paramLabel = "NAME", defaultValue = "mynacard sample kiosk service",
            description = "the service's name, signed with every challenge (default: ${DEFAULT-VALUE})")
    String serviceName;

    MunicipalService build() {
        if (centre == null) {
            throw new IllegalArgumentException("--centre URL is needed (the centre that issued the cards)");
        }
        AuthenticationCa ca = trust.isEmpty() ? AuthenticationCa.fromCentre(centre) : AuthenticationCa.fromFiles(trust);
        CertificateValidator validator = CertificateValidator.builder().trustAnchors(ca.anchors())
                .intermediates(ca.links()).build();
        ResidentRegister residents = register == null ? ResidentRegister.sample() : ResidentRegister.load(register);
        return new MunicipalService(new HolderVerifier(serviceName, validator), new CentreHolderLink(centre,
                AdminTokenFile.tokenFor(centre, adminToken, adminTokenFile)),
                residents, new ResidenceCertificatePdf(), Clock.systemDefaultZone());
    }
}
