package jp.mynacard.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.JpkiPolicy;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.Test;

/** The host's JPKI policy presets are the centre's policies, and select its certificates. */
class JpkiPolicyAgainstCentreTest {
    @Test
    void thePresetsAreTheCentresOids() {
        assertEquals(CertificateUsage.SIGNATURE.policyOid(), JpkiPolicy.SIGNATURE.oid());
        assertEquals(CertificateUsage.USER_AUTHENTICATION.policyOid(), JpkiPolicy.USER_AUTHENTICATION.oid());
    }

    @Test
    void anAuthenticationCertificateIsAcceptedOnlyUnderItsPolicy() throws Exception {
        X509Certificate certificate;
        X509Certificate ca;
        try (JpkiCard card = JpkiCard.open(VirtualCard.issue(Holder.sample()).terminal())) {
            certificate = card.certificate(JpkiCertificate.AUTH);
            ca = card.certificate(JpkiCertificate.AUTH_CA);
        }
        ValidationResult auth = CertificateValidator.builder().trustAnchors(List.of(ca))
                .initialPolicies(Set.of(JpkiPolicy.USER_AUTHENTICATION.oid())).requireExplicitPolicy(true).build()
                .validate(certificate);
        assertEquals(ValidationResult.Status.VALID, auth.status(), auth.describe());
        ValidationResult sign = CertificateValidator.builder().trustAnchors(List.of(ca))
                .initialPolicies(Set.of(JpkiPolicy.SIGNATURE.oid())).requireExplicitPolicy(true).build()
                .validate(certificate);
        assertEquals(ValidationResult.Status.POLICY_NOT_ACCEPTED, sign.status(), sign.describe());
    }
}
