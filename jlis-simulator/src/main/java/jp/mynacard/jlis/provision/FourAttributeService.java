package jp.mynacard.jlis.provision;

import java.time.Clock;
import java.util.Optional;
import jp.mynacard.jlis.registry.RevocationRegistry;

/**
 * The four-attribute provision service (4情報提供サービス) as service providers use it: register a
 * provider, take a holder's signed consent, answer the holder's current attributes under it, and
 * let the holder withdraw it. The HTTP API at {@code /provision/} is a view of this.
 */
public final class FourAttributeService {
    private final ProviderRegistry providers;
    private final CertificateReplacements replacements;
    private final ConsentIntake intake;
    private final CurrentAttributes current;
    private final ConsentWithdrawal withdrawal;

    private FourAttributeService(ProviderRegistry providers, CertificateReplacements replacements, ConsentIntake intake,
                                 CurrentAttributes current, ConsentWithdrawal withdrawal) {
        this.providers = providers;
        this.replacements = replacements;
        this.intake = intake;
        this.current = current;
        this.withdrawal = withdrawal;
    }

    public static FourAttributeService create(ProvisionDatabase database, RevocationRegistry registry, Clock clock) {
        CertificateReplacements replacements = new JdbcCertificateReplacements(database);
        CentreCertificates certificates = new CentreCertificates(registry);
        ConsentStore consents = new ConsentStore(database);
        return new FourAttributeService(new ProviderRegistry(database, clock), replacements,
                new ConsentIntake(certificates, consents, clock),
                new CurrentAttributes(consents, certificates, replacements, clock),
                new ConsentWithdrawal(consents, certificates, replacements, clock));
    }

    /** The links the issuing desk records when a signature certificate replaces another. */
    public CertificateReplacements replacements() {
        return replacements;
    }

    /** @return the provider's API token, shown this once */
    public String registerProvider(String id, String name) {
        return providers.register(id, name);
    }

    public Optional<Provider> authenticate(String token) {
        return providers.authenticate(token);
    }

    public ConsentOutcome consent(Provider provider, byte[] certificateDer, byte[] statement, byte[] signature) {
        return intake.consent(provider, certificateDer, statement, signature);
    }

    /** The provider's own consent; another provider's is refused exactly like a missing one. */
    public Consent consentOf(Provider provider, String consentId) {
        return current.consentOf(provider, consentId);
    }

    public AttributeAnswer attributes(Provider provider, String consentId) {
        return current.of(provider, consentId);
    }

    public Consent withdraw(String consentId, byte[] statement, byte[] signature) {
        return withdrawal.withdraw(consentId, statement, signature);
    }
}
