package jp.mynacard.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import jp.mynacard.host.kiosk.HolderVerifier;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.kiosk.CentreHolderLink;
import jp.mynacard.kiosk.KioskServiceServer;
import jp.mynacard.kiosk.MunicipalService;
import jp.mynacard.kiosk.ResidenceCertificatePdf;
import jp.mynacard.kiosk.ResidentRegister;
import jp.mynacard.sim.VirtualCard;

/**
 * The sample municipal service of {@code bin/kiosk} (千代田区's sample register) on a loopback
 * port, trusting and asking the harness's centre ({@link VirtualCard#testCentre()}): what the
 * demo and the kiosk tests put behind a kiosk terminal.
 */
public final class SampleKioskService {
    public static final String SERVICE_NAME = "千代田区 コンビニ交付";

    private SampleKioskService() {
    }

    public static KioskServiceServer start() throws IOException {
        CertificateValidator validator = CertificateValidator.builder()
                .trustAnchors(List.of(VirtualCard.testCentre().administration().authorityCertificate("auth"))).build();
        MunicipalService service = new MunicipalService(new HolderVerifier(SERVICE_NAME, validator),
                new CentreHolderLink(VirtualCard.testCentre().uri(), null), ResidentRegister.sample(),
                new ResidenceCertificatePdf(), Clock.systemDefaultZone());
        return KioskServiceServer.start(new InetSocketAddress("127.0.0.1", 0), service);
    }
}
