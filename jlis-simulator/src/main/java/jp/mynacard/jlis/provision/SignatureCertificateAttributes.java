package jp.mynacard.jlis.provision;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import jp.mynacard.model.jpki.CertifiedAttributes;

/**
 * Reads the four basic attributes back out of a JPKI signature certificate (the parsing is the
 * host library's {@link CertifiedAttributes}). The centre hands out what it certified, not a
 * copy kept elsewhere.
 */
public final class SignatureCertificateAttributes {
    private SignatureCertificateAttributes() {
    }

    /** @throws IllegalArgumentException if the certificate does not carry the four attributes */
    public static BasicAttributes read(X509Certificate certificate) {
        CertifiedAttributes attributes = CertifiedAttributes.of(certificate);
        return new BasicAttributes(attributes.name(), attributes.birthDate(), Sex.parse(attributes.sexCode()),
                attributes.address());
    }

    static LocalDate birthDate(String encoded) {
        return CertifiedAttributes.birthDate(encoded);
    }
}
