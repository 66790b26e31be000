package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/** A test registry for the responder's and the CRL writer's tests, which issue no phone certificates. */
public interface RegistryWithoutPhones extends RevocationRegistry {
    @Override
    default SmartphoneLink recordSmartphoneIssued(BigInteger cardSignatureSerial, SmartphonePlatform platform,
            NewCertificate authentication, NewCertificate signature, Instant at) {
        throw new UnsupportedOperationException("the responder's and the CRL writer's tests issue no phone certificates");
    }

    @Override
    default List<SmartphoneLink> smartphonesOf(BigInteger cardSignatureSerial) {
        return List.of();
    }

    @Override
    default Optional<SmartphoneLink> smartphoneLinkOf(CertificateUsage usage, BigInteger serial) {
        return Optional.empty();
    }
}
