package jp.mynacard.jlis.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.holder.Holder;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;

/** A running centre's CRLs and certificates as a relying party fetches them over HTTP. */
final class CentreCrlHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CentreCrlHttp() {
    }

    /** A centre on {@code dir} with this CRL profile and a delta CRL every 300 ms, so that tests need not wait long. */
    static CentreConfiguration configuration(Path dir, CrlProfile profile) {
        CentreConfiguration embedded = CentreConfiguration.embedded(dir);
        return new CentreConfiguration(embedded.dataDir(), embedded.bindHost(), 0, null, null, null, null, null, null,
                null, embedded.crlInterval(), Duration.ofMillis(300), embedded.httpThreads(), embedded.clock(), profile)
                .withAdminLoopbackWithoutToken(true);
    }

    static HttpResponse<byte[]> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] fetch(URI uri) throws Exception {
        HttpResponse<byte[]> response = get(uri);
        assertEquals(200, response.statusCode(), uri + ": " + new String(response.body()));
        return response.body();
    }

    static X509CRLHolder crl(URI uri) throws Exception {
        return new X509CRLHolder(fetch(uri));
    }

    static X509CRL jdkCrl(URI uri) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(fetch(uri)));
    }

    static X509Certificate certificate(URI uri) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(fetch(uri)));
    }

    static X509Certificate issue(Centre centre, CertificateUsage usage) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PublicKey key = generator.generateKeyPair().getPublic();
        return centre.administration().issue(usage, Holder.sample().basicAttributes(), LocalDate.of(2034, 3, 31), key);
    }

    /** The CRL's issuingDistributionPoint, asserting it is there and critical. */
    static IssuingDistributionPoint idp(X509CRLHolder crl) {
        Extension extension = crl.getExtension(Extension.issuingDistributionPoint);
        assertNotNull(extension, "no issuingDistributionPoint");
        assertTrue(extension.isCritical(), "issuingDistributionPoint must be critical");
        return IssuingDistributionPoint.getInstance(extension.getParsedValue());
    }

    static String idpUrl(X509CRLHolder crl) {
        return uri(GeneralNames.getInstance(idp(crl).getDistributionPoint().getName()));
    }

    /** The certificate's one distribution point. */
    static DistributionPoint distributionPoint(X509Certificate certificate) {
        DistributionPoint[] points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets()).getDistributionPoints();
        assertEquals(1, points.length);
        return points[0];
    }

    static String cdpUrl(X509Certificate certificate) {
        return uri(GeneralNames.getInstance(distributionPoint(certificate).getDistributionPoint().getName()));
    }

    static String uri(GeneralNames names) {
        GeneralName[] all = names.getNames();
        assertEquals(1, all.length);
        assertEquals(GeneralName.uniformResourceIdentifier, all[0].getTagNo());
        return all[0].getName().toString();
    }

    static List<BigInteger> serials(X509CRLHolder crl) {
        List<BigInteger> serials = new ArrayList<>();
        for (Object entry : crl.getRevokedCertificates()) {
            serials.add(((X509CRLEntryHolder) entry).getSerialNumber());
        }
        return serials;
    }
}
