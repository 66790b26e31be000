package jp.mynacard.jlis.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import org.junit.jupiter.api.Test;

class SignatureCertificateAttributesTest {
    private static final JpkiIssuer ISSUER = JpkiIssuer.withNewAuthorities(Clock.systemUTC());

    @Test
    void readsBackTheFourAttributesTheProfileWrote() {
        for (BasicAttributes holder : new BasicAttributes[] {
            new BasicAttributes("髙橋 一郎", LocalDate.of(1926, 12, 25), Sex.MALE, "北海道札幌市中央区北1条西2丁目"),
            new BasicAttributes("Jane Doe", LocalDate.of(2019, 5, 1), Sex.NOT_APPLICABLE, "沖縄県那覇市泉崎1丁目2番2号"),
            new BasicAttributes("山田 花子", LocalDate.of(1989, 1, 7), Sex.FEMALE, "東京都千代田区霞が関二丁目1番2号"),
        }) {
            X509Certificate certificate = ISSUER.issue(CertificateUsage.SIGNATURE, holder, LocalDate.now().plusYears(5),
                    Holder.withNewKey().key.getPublic());
            assertEquals(holder, SignatureCertificateAttributes.read(certificate));
        }
    }

    @Test
    void anAuthenticationCertificateCarriesNone() {
        X509Certificate certificate = ISSUER.issue(CertificateUsage.USER_AUTHENTICATION,
                new BasicAttributes("山田 花子", LocalDate.of(1985, 4, 1), Sex.FEMALE, "東京都"), LocalDate.now().plusYears(5),
                Holder.withNewKey().key.getPublic());
        assertThrows(IllegalArgumentException.class, () -> SignatureCertificateAttributes.read(certificate));
    }

    @Test
    void birthDateDropsTheEraDigitAndChecksTheRest() {
        assertEquals(LocalDate.of(1985, 4, 1), SignatureCertificateAttributes.birthDate("319850401"));
        assertThrows(IllegalArgumentException.class, () -> SignatureCertificateAttributes.birthDate("19850401"));
        assertThrows(IllegalArgumentException.class, () -> SignatureCertificateAttributes.birthDate("619850401"));
        assertThrows(IllegalArgumentException.class, () -> SignatureCertificateAttributes.birthDate("319850231"));
    }
}
