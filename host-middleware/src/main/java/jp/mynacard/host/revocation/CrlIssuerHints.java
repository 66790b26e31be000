package jp.mynacard.host.revocation;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Decodes what a CRL says about the certificate that verifies it (RFC 5280 §5.2.1, §5.2.7): the
 * authorityKeyIdentifier's key id and the authorityInfoAccess caIssuers URLs; and the name a
 * certificateIssuer entry extension gives (§5.3.3).
 */
final class CrlIssuerHints {
    private CrlIssuerHints() {
    }

    /** The keyIdentifier of an authorityKeyIdentifier extnValue, or null if it has none. */
    static byte[] keyIdentifier(byte[] value) throws CrlFormatException {
        try {
            return AuthorityKeyIdentifier.getInstance(ASN1Primitive.fromByteArray(value)).getKeyIdentifier();
        } catch (IOException | RuntimeException e) {
            throw new CrlFormatException("authorityKeyIdentifier: malformed (" + e.getMessage() + ")");
        }
    }

    /** The http caIssuers URLs of an authorityInfoAccess extnValue. */
    static List<URI> caIssuers(byte[] value) throws CrlFormatException {
        List<URI> urls = new ArrayList<>();
        try {
            for (AccessDescription d : AuthorityInformationAccess.getInstance(ASN1Primitive.fromByteArray(value))
                    .getAccessDescriptions()) {
                GeneralName where = d.getAccessLocation();
                if (AccessDescription.id_ad_caIssuers.equals(d.getAccessMethod())
                        && where.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI url = URI.create(where.getName().toString());
                    if ("http".equalsIgnoreCase(url.getScheme())) {
                        urls.add(url);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CrlFormatException("authorityInfoAccess: malformed (" + e.getMessage() + ")");
        }
        return List.copyOf(urls);
    }

    /** The directoryName among the GeneralNames of {@code value}, or null. */
    static X500Principal directoryName(byte[] value) throws CrlFormatException {
        try {
            for (GeneralName n : GeneralNames.getInstance(ASN1Primitive.fromByteArray(value)).getNames()) {
                if (n.getTagNo() == GeneralName.directoryName) {
                    return new X500Principal(n.getName().toASN1Primitive().getEncoded());
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            throw new CrlFormatException("certificateIssuer: malformed (" + e.getMessage() + ")");
        }
    }
}
