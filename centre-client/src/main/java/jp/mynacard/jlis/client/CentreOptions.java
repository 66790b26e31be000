package jp.mynacard.jlis.client;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a CLI verb (of {@code jlis}, or a counter's {@code perso} verb) reaches the running centre. */
public final class CentreOptions {
    @Option(names = "--centre", paramLabel = "URL", defaultValue = "${env:MYNACARD_CENTRE:-http://127.0.0.1:8080/}",
            description = "the centre's URL (default ${DEFAULT-VALUE}; env MYNACARD_CENTRE)")
    public URI centre;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MYNACARD_ADMIN_TOKEN}",
            description = "the centre's admin token (env MYNACARD_ADMIN_TOKEN; default: read from --admin-token-file)")
    public String token;

    @Option(names = "--admin-token-file", paramLabel = "FILE", defaultValue = "${env:MYNACARD_ADMIN_TOKEN_FILE}",
            description = "the file holding the admin token: the centre's DATA/admin-token (env MYNACARD_ADMIN_TOKEN_FILE;"
                    + " default: jlis-data/admin-token when it exists and the centre is on this host)")
    public Path tokenFile;

    /** @throws IllegalArgumentException when the token file given cannot be read */
    public CentreClient client() {
        return new CentreClient(centre, AdminTokenFile.tokenFor(centre, token, tokenFile));
    }
}
