package jp.mynacard.jlis.smartphone;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.CertificateState;
import jp.mynacard.jlis.registry.RevocationRegistry;
import jp.mynacard.jlis.provision.SignatureCertificateAttributes;
import jp.mynacard.model.holder.BasicAttributes;

/**
 * The card signature certificate a phone request presents, once the centre has found it fit to
 * vouch: signed by this centre's signature CA, byte for byte the one its registry recorded, a
 * card's and not a phone's, GOOD and unexpired now. The holder is read from the certificate
 * itself: the phone's certificates name whom the card's names.
 */
record VouchingCard(X509Certificate certificate, BasicAttributes holder) {

    /** @param signatureCas every generation of the centre's signature CA: a card keeps its certificate across rollovers */
    static VouchingCard check(byte[] der, List<X509Certificate> signatureCas, RevocationRegistry registry, Instant now) {
        X509Certificate certificate = parse(der);
        if (signatureCas.stream().noneMatch(ca -> issuedBy(certificate, ca))) {
            throw unacceptable("the card certificate was not issued by this centre's signature CA");
        }
        CertificateRecord record = registry.find(CertificateUsage.SIGNATURE, certificate.getSerialNumber())
                .filter(found -> sameAsRecorded(certificate, registry))
                .orElseThrow(() -> unacceptable("this centre has no record of signature certificate " + hex(certificate)));
        if (registry.smartphoneLinkOf(CertificateUsage.SIGNATURE, certificate.getSerialNumber()).isPresent()) {
            throw unacceptable("signature certificate " + hex(certificate) + " is a phone's: only the card's own "
                    + "signature certificate vouches for a phone");
        }
        if (record.state() != CertificateState.GOOD) {
            throw new SmartphoneRefusal(SmartphoneRefusal.Kind.CARD_NOT_GOOD, "the card's signature certificate "
                    + hex(certificate) + " is " + record.state().name().toLowerCase(Locale.ROOT) + " ("
                    + record.reason().rfcName() + "): a card that is not good cannot vouch for a phone");
        }
        if (record.notAfter().isBefore(now)) {
            throw new SmartphoneRefusal(SmartphoneRefusal.Kind.CARD_NOT_GOOD, "the card's signature certificate "
                    + hex(certificate) + " expired at " + record.notAfter());
        }
        try {
            return new VouchingCard(certificate, SignatureCertificateAttributes.read(certificate));
        } catch (IllegalArgumentException e) {
            throw unacceptable("the card certificate carries no holder: " + e.getMessage());
        }
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new SmartphoneRefusal(SmartphoneRefusal.Kind.MALFORMED, "cardSignCertificate is not an X.509 certificate");
        }
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            // another centre's CA of the same name, or a forged certificate
            return false;
        }
    }

    private static boolean sameAsRecorded(X509Certificate certificate, RevocationRegistry registry) {
        try {
            byte[] presented = certificate.getEncoded();
            return registry.certificate(CertificateUsage.SIGNATURE, certificate.getSerialNumber())
                    .map(stored -> Arrays.equals(stored, presented)).orElse(false);
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    private static String hex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    private static SmartphoneRefusal unacceptable(String message) {
        return new SmartphoneRefusal(SmartphoneRefusal.Kind.UNACCEPTABLE, message);
    }
}
