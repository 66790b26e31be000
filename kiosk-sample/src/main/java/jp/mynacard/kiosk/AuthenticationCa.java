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
 * The user-authentication CA as the service trusts it: every generation's self-signed certificate
 * is a trust anchor (the centre rolls its CA key over under the same name, and cards of every live
 * generation are in use), and the link certificates between generations are intermediates, which
 * a CRL signed by the newest key needs to be believed about older certificates. From files (PEM or
 * DER; the way to configure a real service) or fetched from the centre's {@code /ca/auth-all.pem}
 * (convenient against the simulator; over plain HTTP it trusts whoever answers at that URL).
 *
 * @param anchors the self-signed certificates
 * @param links   the others (link certificates)
 */
record AuthenticationCa(List<X509Certificate> anchors, List<X509Certificate> links) {

    AuthenticationCa {
        anchors = List.copyOf(anchors);
        links = List.copyOf(links);
    }

    static AuthenticationCa fromFiles(List<Path> files) {
        List<X509Certificate> all = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                List<X509Certificate> read = read(in);
                if (read.isEmpty()) {
                    throw new IllegalArgumentException("trust anchor " + file + " holds no certificate");
                }
                all.addAll(read);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read trust anchor " + file + ": " + e.getMessage());
            } catch (CertificateException e) {
                throw new IllegalArgumentException("trust anchor " + file + " is not an X.509 certificate (PEM or DER)");
            }
        }
        return of(all);
    }

    static AuthenticationCa fromCentre(URI centre) {
        try {
            return of(read(new ByteArrayInputStream(new CentreClient(centre, null).everyAuthorityCertificate("auth"))));
        } catch (CentreException e) {
            throw new HolderLinkException("the centre at " + centre + " cannot give its CA certificates: " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new HolderLinkException("the centre's ca/auth-all.pem is not a bundle of certificates", e);
        }
    }

    private static AuthenticationCa of(List<X509Certificate> all) {
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> links = new ArrayList<>();
        for (X509Certificate c : all) {
            (selfSigned(c) ? anchors : links).add(c);
        }
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no self-signed CA certificate among the trust anchors given");
        }
        return new AuthenticationCa(anchors, links);
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false; // a link certificate: same name, signed by the other generation's key
        }
    }

    private static List<X509Certificate> read(InputStream in) throws CertificateException {
        List<X509Certificate> certs = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            certs.add((X509Certificate) certificate);
        }
        return certs;
    }
}
