package jp.mynacard.jlis.ca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.holder.MyNumber;
import jp.mynacard.model.holder.Sex;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JpkiCertificateProfileTest {
    private static final Instant ISSUED = Instant.parse("2026-11-23T01:00:00Z");
    private static JpkiIssuer issuer;
    private static KeyPair cardKey;

    @BeforeAll
    static void centre() throws Exception {
        issuer = JpkiIssuer.withNewAuthorities(Clock.fixed(ISSUED, ZoneOffset.UTC));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        cardKey = generator.generateKeyPair();
    }

    @Test
    void signatureCertificateCarriesTheFourAttributes() throws Exception {
        X509Certificate certificate = issuer.issue(CertificateUsage.SIGNATURE, Holder.sample(), cardKey.getPublic());
        Map<String, String> attributes = otherNames(certificate);
        assertEquals("番号　花子", attributes.get(JpkiCertificateProfile.NAME.getId()));
        assertEquals("2", attributes.get(JpkiCertificateProfile.SEX.getId()));
        assertEquals("419890331", attributes.get(JpkiCertificateProfile.BIRTH_DATE.getId()));
        assertEquals("東京都千代田区霞が関二丁目１番２号", attributes.get(JpkiCertificateProfile.ADDRESS.getId()));
        assertEquals(List.of(true, true, false, false, false, false, false, false, false),
                asList(certificate.getKeyUsage()));
        assertEquals("1.2.392.200149.8.5.1.1.20", policy(certificate));
        // RFC 2253 prints the DER order (C first) reversed
        assertEquals("OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP",
                certificate.getIssuerX500Principal().getName());
        certificate.verify(issuer.authority(CertificateUsage.SIGNATURE).publicKey());
        assertArrayEquals(cardKey.getPublic().getEncoded(), certificate.getPublicKey().getEncoded());
    }

    @Test
    void authenticationCertificateNamesNoPerson() throws Exception {
        X509Certificate certificate = issuer.issue(CertificateUsage.USER_AUTHENTICATION, Holder.sample(), cardKey.getPublic());
        assertNull(certificate.getExtensionValue(Extension.subjectAlternativeName.getId()));
        assertTrue(certificate.getSubjectX500Principal().getName().matches("CN=[0-9A-F]{32},C=JP"),
                certificate.getSubjectX500Principal().getName());
        assertEquals(List.of(true, false, false, false, false, false, false, false, false),
                asList(certificate.getKeyUsage()));
        assertEquals("1.2.392.200149.8.5.1.3.30", policy(certificate));
        certificate.verify(issuer.authority(CertificateUsage.USER_AUTHENTICATION).publicKey());
    }

    @Test
    void validUntilTheFifthBirthdayAfterIssuanceCappedAtCardExpiry() {
        // issued 2026-11-23: birthdays 2027..2031-03-31, the fifth ends 2031-03-31 23:59:59 JST
        assertEquals(Instant.parse("2031-03-31T14:59:59Z"), JpkiCertificateProfile.notAfter(Holder.sample().birthDate(), Holder.sample().cardExpiry(), ISSUED));
        // issued on the birthday itself: that day does not count
        assertEquals(Instant.parse("2031-03-31T14:59:59Z"),
                JpkiCertificateProfile.notAfter(Holder.sample().birthDate(), Holder.sample().cardExpiry(), Instant.parse("2026-03-31T03:00:00Z")));
        Holder expiringSooner = withExpiry(LocalDate.of(2029, 6, 30));
        assertEquals(Instant.parse("2029-06-30T14:59:59Z"), JpkiCertificateProfile.notAfter(expiringSooner.birthDate(), expiringSooner.cardExpiry(), ISSUED));
    }

    @Test
    void eraDigitFollowsTheEraOfTheBirthDate() {
        assertEquals("319890107", JapaneseEraDate.encode(LocalDate.of(1989, 1, 7)));
        assertEquals("419890108", JapaneseEraDate.encode(LocalDate.of(1989, 1, 8)));
        assertEquals("520190501", JapaneseEraDate.encode(LocalDate.of(2019, 5, 1)));
        assertEquals("219120730", JapaneseEraDate.encode(LocalDate.of(1912, 7, 30)));
        assertEquals("119120729", JapaneseEraDate.encode(LocalDate.of(1912, 7, 29)));
    }

    private static Holder withExpiry(LocalDate expiry) {
        Holder s = Holder.sample();
        return new Holder(s.name(), s.birthDate(), Sex.FEMALE, s.address(), MyNumber.parse("123456789018"),
                expiry, s.securityCode(), s.municipalityCode());
    }

    private static Map<String, String> otherNames(X509Certificate certificate) throws Exception {
        Extension san = new JcaX509CertificateHolder(certificate).getExtension(Extension.subjectAlternativeName);
        Map<String, String> values = new LinkedHashMap<>();
        for (GeneralName name : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
            assertEquals(GeneralName.otherName, name.getTagNo());
            ASN1Sequence sequence = ASN1Sequence.getInstance(name.getName());
            ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(sequence.getObjectAt(0));
            ASN1TaggedObject value = ASN1TaggedObject.getInstance(sequence.getObjectAt(1));
            values.put(type.getId(), DERUTF8String.getInstance(value.getExplicitBaseObject()).getString());
        }
        assertEquals(6, values.size());
        return values;
    }

    private static String policy(X509Certificate certificate) throws Exception {
        Extension extension = new JcaX509CertificateHolder(certificate).getExtension(Extension.certificatePolicies);
        return CertificatePolicies.getInstance(extension.getParsedValue()).getPolicyInformation()[0].getPolicyIdentifier().getId();
    }

    private static List<Boolean> asList(boolean[] bits) {
        Boolean[] boxed = new Boolean[9];
        for (int i = 0; i < 9; i++) {
            boxed[i] = i < bits.length && bits[i];
        }
        return List.of(boxed);
    }
}
