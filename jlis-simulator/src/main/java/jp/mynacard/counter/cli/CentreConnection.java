package jp.mynacard.counter.cli;

import java.net.URI;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreCounter;
import picocli.CommandLine.Option;

/** How a counter verb reaches the centre. */
final class CentreConnection {
    @Option(names = "--centre", paramLabel = "URL", defaultValue = "${env:MYNACARD_CENTRE:-http://127.0.0.1:8080/}",
            description = "the centre's URL (default ${DEFAULT-VALUE}; env MYNACARD_CENTRE)")
    URI centre;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:MYNACARD_ADMIN_TOKEN}",
            description = "admin token for a remote centre (env MYNACARD_ADMIN_TOKEN)")
    String token;

    CentreCounter counter() {
        return new CentreCounter(new CentreClient(centre, token));
    }
}
