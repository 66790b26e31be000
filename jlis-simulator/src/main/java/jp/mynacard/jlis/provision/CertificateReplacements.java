package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Which signature certificate replaced which: when a holder moves or changes name the old
 * certificate is revoked (affiliationChanged) and the new one names it, so that a provider's
 * consent on the old one can still find the holder's current attributes.
 */
public interface CertificateReplacements {
    /** The certificate issued to replace {@code serial}, if one was. */
    Optional<BigInteger> replacementOf(BigInteger serial);

    /**
     * Records the link durably.
     *
     * @throws jp.mynacard.jlis.registry.RegistryException if {@code replaced} was already replaced
     */
    void record(BigInteger replacement, BigInteger replaced);
}
