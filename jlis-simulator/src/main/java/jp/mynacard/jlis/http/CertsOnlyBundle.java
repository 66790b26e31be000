package jp.mynacard.jlis.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * Certificates as a "certs-only" CMS SignedData with no signer (RFC 5280 §4.2.2.1, RFC 5652): the
 * form an authorityInfoAccess caIssuers URL may serve when it names more than one certificate.
 */
final class CertsOnlyBundle {
    private CertsOnlyBundle() {
    }

    static byte[] encode(List<X509Certificate> certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            return generator.generate(new CMSAbsentContent()).getEncoded();
        } catch (CertificateEncodingException | CMSException e) {
            throw new IllegalStateException("cannot bundle the CA certificates", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
