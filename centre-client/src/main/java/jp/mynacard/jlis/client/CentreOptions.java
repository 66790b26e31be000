package jp.mynacard.jlis.client;

import java.net.URI;
import jp.mynacard.jlis.client.CentreClient;
import picocli.CommandLine.Option;

/** How a CLI verb (of {@code jlis}, or a counter's {@code perso} verb) reaches the running centre. */
public final class CentreOptions {
    @Option(names = "--centre", paramLabel = "URL", defaultValue = "${env:MYNACARD_CENTRE:-http://127.0.0.1:8080/}",
            description = "the centre's URL (default ${DEFAULT-VALUE}; env MYNACARD_CENTRE)")
    public URI centre;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MYNACARD_ADMIN_TOKEN}",
            description = "admin token for a remote centre (env MYNACARD_ADMIN_TOKEN)")
    public String token;

    public CentreClient client() {
        return new CentreClient(centre, token);
    }
}
