package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The holder withdraws a consent with a signed withdrawal statement. The key may be that of the
 * consented certificate or of its newest replacement: after a move the holder has only the new card.
 */
final class ConsentWithdrawal {
    private static final int MAX_CHAIN = 1000;

    private final ConsentStore consents;
    private final CentreCertificates certificates;
    private final CertificateReplacements replacements;
    private final Clock clock;

    ConsentWithdrawal(ConsentStore consents, CentreCertificates certificates, CertificateReplacements replacements,
                      Clock clock) {
        this.consents = consents;
        this.certificates = certificates;
        this.replacements = replacements;
        this.clock = clock;
    }

    Consent withdraw(String consentId, byte[] statementBytes, byte[] signature) {
        WithdrawalStatement statement = WithdrawalStatement.parse(statementBytes);
        if (!statement.consentId().equals(consentId)) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.UNACCEPTABLE, "the statement names consent '"
                    + statement.consentId() + "', not '" + consentId + "'");
        }
        Instant now = clock.instant();
        StatementText.checkFresh(statement.issued(), now);
        Consent consent = consents.find(consentId).orElseThrow(() ->
                new ProvisionRefusal(ProvisionRefusal.Kind.NOT_FOUND, "no consent '" + consentId + "'"));
        BigInteger consented = consent.serial();
        BigInteger newest = newest(consented);
        if (!signedBy(consented, statementBytes, signature) && !signedBy(newest, statementBytes, signature)) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.UNACCEPTABLE, "the signature verifies neither with the "
                    + "consented certificate's key nor with its newest replacement's (" + HolderSignature.ALGORITHM + ")");
        }
        return consents.withdraw(consentId, now);
    }

    private boolean signedBy(BigInteger serial, byte[] statement, byte[] signature) {
        return HolderSignature.verifies(certificates.certificate(serial).getPublicKey(), statement, signature);
    }

    private BigInteger newest(BigInteger serial) {
        BigInteger current = serial;
        for (int hops = 0; hops < MAX_CHAIN; hops++) {
            Optional<BigInteger> next = replacements.replacementOf(current);
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        throw new IllegalStateException("the replacement chain from " + serial.toString(16) + " does not end");
    }
}
