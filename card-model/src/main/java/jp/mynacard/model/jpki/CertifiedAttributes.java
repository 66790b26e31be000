package jp.mynacard.model.jpki;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The four basic attributes as the centre certified them in a JPKI signature certificate
 * (SubjectAltName otherNames 1.2.392.200149.8.5.5.1 name, .3 sex as a JPKI digit 1/2/3,
 * .4 birth date {@code EYYYYMMDD}, .5 address): what a service provider reads once the holder
 * has entered the sign PIN.
 */
public record CertifiedAttributes(String name, LocalDate birthDate, String sexCode, String address) {
    private static final String ARC = "1.2.392.200149.8.5.5.";
    public static final ASN1ObjectIdentifier NAME = new ASN1ObjectIdentifier(ARC + "1");
    public static final ASN1ObjectIdentifier SEX = new ASN1ObjectIdentifier(ARC + "3");
    public static final ASN1ObjectIdentifier BIRTH_DATE = new ASN1ObjectIdentifier(ARC + "4");
    public static final ASN1ObjectIdentifier ADDRESS = new ASN1ObjectIdentifier(ARC + "5");
    /** Strict: the default resolver would quietly turn 31 February into 28 February. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** @throws IllegalArgumentException if the certificate does not carry the four attributes */
    public static CertifiedAttributes of(X509Certificate certificate) {
        Map<ASN1ObjectIdentifier, String> names = otherNames(certificate);
        return new CertifiedAttributes(required(names, NAME, "name"), birthDate(required(names, BIRTH_DATE, "birth date")),
                required(names, SEX, "sex"), required(names, ADDRESS, "address"));
    }

    /** {@code EYYYYMMDD}: the era digit (1 Meiji … 5 Reiwa) is redundant with the Gregorian date that follows. */
    public static LocalDate birthDate(String encoded) {
        if (!encoded.matches("[1-5][0-9]{8}")) {
            throw new IllegalArgumentException("the birth date '" + encoded + "' is not EYYYYMMDD");
        }
        try {
            return LocalDate.parse(encoded.substring(1), DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the birth date '" + encoded + "' is not a date");
        }
    }

    private static Map<ASN1ObjectIdentifier, String> otherNames(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            throw new IllegalArgumentException("the certificate has no SubjectAltName: not a JPKI signature certificate");
        }
        Map<ASN1ObjectIdentifier, String> values = new HashMap<>();
        try {
            GeneralNames names = GeneralNames.getInstance(
                    ASN1Primitive.fromByteArray(DEROctetString.getInstance(extension).getOctets()));
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() != GeneralName.otherName) {
                    continue;
                }
                // OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
                ASN1Sequence otherName = ASN1Sequence.getInstance(name.getName());
                ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(otherName.getObjectAt(0));
                ASN1Primitive value = ASN1TaggedObject.getInstance(otherName.getObjectAt(1)).getExplicitBaseObject()
                        .toASN1Primitive();
                if (value instanceof ASN1String text) {
                    values.put(type, text.getString());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the certificate's SubjectAltName does not parse: " + e.getMessage(), e);
        }
        return values;
    }

    private static String required(Map<ASN1ObjectIdentifier, String> names, ASN1ObjectIdentifier type, String what) {
        String value = names.get(type);
        if (value == null) {
            throw new IllegalArgumentException("the certificate carries no " + what + " (otherName " + type + ")");
        }
        return value;
    }
}
