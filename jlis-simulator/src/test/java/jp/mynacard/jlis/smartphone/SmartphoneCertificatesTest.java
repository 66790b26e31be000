package jp.mynacard.jlis.smartphone;

import java.nio.file.Path;
import jp.mynacard.jlis.CentreConfiguration;

/** The phone's certificates on the embedded centre: SQLite in the data directory. */
class SmartphoneCertificatesTest extends SmartphoneCertificatesContract {
    @Override
    protected CentreConfiguration configuration(Path dataDir) {
        return CentreConfiguration.embedded(dataDir);
    }
}
