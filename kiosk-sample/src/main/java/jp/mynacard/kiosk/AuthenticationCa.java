package jp.mynacard.kiosk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;

/**
 * The trust anchors of the service: the centre's user-authentication CA certificate, from files
 * (PEM or DER; the way to configure a real service) or fetched from the centre's {@code /ca/auth.der}
 * (convenient against the simulator; over plain HTTP it trusts whoever answers at that URL).
 */
final class AuthenticationCa {
    private AuthenticationCa() {
    }

    static List<X509Certificate> fromFiles(List<Path> files) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.add((X509Certificate) certificate);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read trust anchor " + file + ": " + e.getMessage());
            } catch (CertificateException e) {
                throw new IllegalArgumentException("trust anchor " + file + " is not an X.509 certificate (PEM or DER)");
            }
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("trust anchor " + file + " holds no certificate");
            }
        }
        return anchors;
    }

    static List<X509Certificate> fromCentre(URI centre) {
        try {
            return List.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(new CentreClient(centre, null).authorityCertificate("auth", true))));
        } catch (CentreException e) {
            throw new HolderLinkException("the centre at " + centre + " cannot give its CA certificate: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new HolderLinkException("the centre's ca/auth.der is not a certificate", e);
        }
    }
}
