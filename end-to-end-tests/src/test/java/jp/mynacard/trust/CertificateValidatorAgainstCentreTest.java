package jp.mynacard.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's validator against the running centre: OCSP over HTTP first, the served CRL as the offline fallback. */
class CertificateValidatorAgainstCentreTest {
    @TempDir
    Path dir;

    @Test
    void goodThenSuspendedByOcspAndRevokedInTheServedCrl() throws Exception {
        X509Certificate certificate;
        X509Certificate ca;
        try (JpkiCard card = JpkiCard.open(VirtualCard.issue(Holder.sample()).terminal())) {
            certificate = card.certificate(JpkiCertificate.AUTH);
            ca = card.certificate(JpkiCertificate.AUTH_CA);
        }
        CertificateValidator online = CertificateValidator.builder().trustAnchors(List.of(ca)).ocsp(true).build();
        ValidationResult good = online.validate(certificate);
        assertTrue(good.valid(), good.describe());
        assertEquals(ValidationResult.OCSP, good.source());

        VirtualCard.testCentre().administration().suspend(certificate.getSerialNumber(), Optional.empty());
        ValidationResult suspended = online.validate(certificate);
        assertFalse(suspended.valid());
        assertEquals(ValidationResult.Status.SUSPENDED, suspended.status(), suspended.describe());

        VirtualCard.testCentre().administration().revoke(certificate.getSerialNumber(), Optional.empty(),
                RevocationReason.KEY_COMPROMISE, null);
        VirtualCard.testCentre().administration().publishCrls();
        Path crl = dir.resolve("auth.crl");
        HttpResponse<Path> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                VirtualCard.testCentre().publicationPoints().crl(jp.mynacard.jlis.ca.CertificateUsage.USER_AUTHENTICATION)).build(),
                HttpResponse.BodyHandlers.ofFile(crl));
        assertEquals(200, download.statusCode());
        ValidationResult offline = CertificateValidator.builder().trustAnchors(List.of(ca)).ocsp(false).crls(List.of(crl))
                .build().validate(certificate);
        assertEquals(ValidationResult.Status.REVOKED, offline.status(), offline.describe());
        assertEquals(ValidationResult.CRL, offline.source());
    }
}
