package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.time.Clock;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.RevocationReason;

/**
 * Answers a provider's query under a consent: the attributes of the consented certificate while it
 * is good; after the holder moved or changed name (revoked for affiliationChanged), those of the
 * newest certificate down the chain of replacements; nothing once a certificate in the way was
 * revoked for another reason or suspended, nor after the holder withdrew the consent.
 */
final class CurrentAttributes {
    /** Far more reissues than a life has moves: a longer chain means corrupted links. */
    private static final int MAX_CHAIN = 1000;

    private final ConsentStore consents;
    private final CentreCertificates certificates;
    private final CertificateReplacements replacements;
    private final Clock clock;

    CurrentAttributes(ConsentStore consents, CentreCertificates certificates, CertificateReplacements replacements,
                      Clock clock) {
        this.consents = consents;
        this.certificates = certificates;
        this.replacements = replacements;
        this.clock = clock;
    }

    Consent consentOf(Provider provider, String consentId) {
        // another provider's consent is answered exactly like a missing one: its existence is not revealed
        return consents.find(consentId).filter(found -> found.providerId().equals(provider.id()))
                .orElseThrow(() -> new ProvisionRefusal(ProvisionRefusal.Kind.NOT_FOUND, "no consent '" + consentId
                        + "' for provider '" + provider.id() + "'"));
    }

    AttributeAnswer of(Provider provider, String consentId) {
        Consent consent = consentOf(provider, consentId);
        if (consent.state() == Consent.State.WITHDRAWN) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.WITHDRAWN, "the holder withdrew this consent at "
                    + consent.withdrawnAt());
        }
        BigInteger serial = consent.serial();
        for (int hops = 0; hops < MAX_CHAIN; hops++) {
            CertificateRecord record = certificates.record(serial).orElseThrow(() ->
                    new IllegalStateException("a consented or replacing certificate is missing from the registry"));
            switch (record.state()) {
                case GOOD -> {
                    if (record.notAfter().isBefore(clock.instant())) {
                        throw gone("certificate " + hex(serial) + " expired at " + record.notAfter(), "expired");
                    }
                    return new AttributeAnswer(!serial.equals(consent.serial()),
                            SignatureCertificateAttributes.read(certificates.certificate(serial)), serial);
                }
                case SUSPENDED -> throw gone("certificate " + hex(serial) + " is suspended (certificateHold)",
                        RevocationReason.CERTIFICATE_HOLD.rfcName());
                case REVOKED -> {
                    if (record.reason() != RevocationReason.AFFILIATION_CHANGED) {
                        throw gone("certificate " + hex(serial) + " was revoked (" + record.reason().rfcName() + ")",
                                record.reason().rfcName());
                    }
                    BigInteger next = serial;
                    serial = replacements.replacementOf(serial).orElseThrow(() -> gone("certificate " + hex(next)
                            + " was revoked (affiliationChanged) and no certificate has been issued to replace it",
                            RevocationReason.AFFILIATION_CHANGED.rfcName()));
                }
                default -> throw new IllegalStateException("unknown certificate state " + record.state());
            }
        }
        throw new IllegalStateException("the replacement chain from " + hex(consent.serial()) + " does not end");
    }

    private static ProvisionRefusal gone(String message, String reason) {
        return new ProvisionRefusal(ProvisionRefusal.Kind.GONE, message, reason);
    }

    private static String hex(BigInteger serial) {
        return JdbcCertificateReplacements.hex(serial);
    }
}
