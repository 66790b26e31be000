package jp.mynacard.jlis.provision;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.CertificateState;

/**
 * Takes a consent a provider brings: the holder's signature certificate, the consent statement
 * and the holder's signature over it. Accepted only for a good signature certificate this centre
 * issued, a statement naming that provider and that certificate, recent, and signed with its key.
 */
final class ConsentIntake {
    private final CentreCertificates certificates;
    private final ConsentStore consents;
    private final Clock clock;

    ConsentIntake(CentreCertificates certificates, ConsentStore consents, Clock clock) {
        this.certificates = certificates;
        this.consents = consents;
        this.clock = clock;
    }

    ConsentOutcome consent(Provider provider, byte[] certificateDer, byte[] statementBytes, byte[] signature) {
        X509Certificate certificate = CentreCertificates.parse(certificateDer);
        ConsentStatement statement = ConsentStatement.parse(statementBytes);
        Instant now = clock.instant();
        if (!statement.providerId().equals(provider.id())) {
            throw unacceptable("the statement names provider '" + statement.providerId() + "', but the caller is '"
                    + provider.id() + "'");
        }
        if (!statement.serial().equals(certificate.getSerialNumber())) {
            throw unacceptable("the statement names certificate " + JdbcCertificateReplacements.hex(statement.serial())
                    + ", but the certificate presented is " + JdbcCertificateReplacements.hex(certificate.getSerialNumber()));
        }
        StatementText.checkFresh(statement.issued(), now);
        CertificateRecord record = certificates.record(certificate.getSerialNumber())
                .filter(found -> certificates.issuedHere(certificate))
                .orElseThrow(() -> unacceptable("the certificate is not a signature certificate issued by this centre"));
        if (record.state() != CertificateState.GOOD) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.CONFLICT, "the certificate is "
                    + record.state().name().toLowerCase(java.util.Locale.ROOT) + " (" + record.reason().rfcName()
                    + "): the holder must consent with a good certificate", record.reason().rfcName());
        }
        if (record.notAfter().isBefore(now)) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.CONFLICT, "the certificate expired at " + record.notAfter(),
                    "expired");
        }
        if (!HolderSignature.verifies(certificate.getPublicKey(), statementBytes, signature)) {
            throw unacceptable("the signature does not verify with the certificate's key ("
                    + HolderSignature.ALGORITHM + " over the statement bytes)");
        }
        return consents.activeOrCreate(provider.id(), statement.serial(), statement.issued(), now, statementBytes, signature);
    }

    private static ProvisionRefusal unacceptable(String message) {
        return new ProvisionRefusal(ProvisionRefusal.Kind.UNACCEPTABLE, message);
    }
}
