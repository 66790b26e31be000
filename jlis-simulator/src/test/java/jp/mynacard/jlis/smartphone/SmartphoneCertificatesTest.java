package jp.mynacard.jlis.smartphone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import jp.mynacard.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phone's certificates on the embedded centre: SQLite in the data directory. */
class SmartphoneCertificatesTest extends SmartphoneCertificatesContract {
    @Override
    protected CentreConfiguration configuration(Path dataDir) {
        return CentreConfiguration.embedded(dataDir);
    }

    @Test
    void anExpiredCardCannotVouch(@TempDir Path elsewhere) throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        CentreConfiguration embedded = CentreConfiguration.embedded(elsewhere);
        try (Centre centre = Centre.start(new CentreConfiguration(embedded.dataDir(), embedded.bindHost(), embedded.port(),
                embedded.publicUrl(), null, null, null, null, null, null, embedded.crlInterval(),
                embedded.deltaCrlInterval(), embedded.httpThreads(), clock).withAdminLoopbackWithoutToken(true))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            TestCard card = TestCard.issuedBy(client);
            clock.advance(Duration.between(clock.instant(), card.signature().notAfter()).plusSeconds(1));
            SmartphoneCertificateRequest request = TestCard.phoneRequest(SmartphonePlatform.ANDROID);

            CentreException refused = assertThrows(CentreException.class,
                    () -> client.issueSmartphoneCertificates(request, card.certificateDer(), card.prove(request)));

            assertEquals(409, refused.status(), refused.getMessage());
            assertTrue(refused.getMessage().contains("expired"), refused.getMessage());
            assertEquals(List.of(), client.certificatesForKey(SmartphoneCertificateRequest.keyDigest(request.authKey())));
        }
    }
}
