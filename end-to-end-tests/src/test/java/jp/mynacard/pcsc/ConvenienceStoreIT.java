package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.registry.RevocationReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * コンビニ交付 end to end: a card issued by the running centre (bin/vcard --centre) sits in a
 * PC/SC reader; the kiosk authenticates the holder with the user-authentication key and asks
 * the centre, by OCSP at the URL in the certificate, whether the certificate still stands.
 * After the holder reports the card lost (24-hour suspension) the kiosk must refuse.
 */
class ConvenienceStoreIT {
    @TempDir
    Path dir;

    @Test
    void kioskAcceptsTheCardUntilTheHolderReportsItLost() throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir));
             VcardProcess vcard = VcardProcess.start("--centre", centre.uri().toString())) {
            X509Certificate certificate;
            X509Certificate ca;
            try (JpkiCard card = JpkiCard.open(PcscReaders.choose(null))) {
                certificate = card.certificate(JpkiCertificate.AUTH);
                ca = card.certificate(JpkiCertificate.AUTH_CA);
                assertArrayEquals(centre.administration().authorityCertificate("auth").getEncoded(), ca.getEncoded(),
                        "the card's CA certificate is the running centre's");

                byte[] challenge = "kiosk session 0001".getBytes(StandardCharsets.US_ASCII);
                card.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(certificate.getPublicKey());
                verifier.update(challenge);
                assertTrue(verifier.verify(card.sign(JpkiKey.AUTH, DigestAlgorithm.SHA256, challenge)));
            }
            validateWithOcsp(certificate, ca);

            centre.administration().suspend(certificate.getSerialNumber(), Optional.empty());
            CertPathValidatorException refused = assertThrows(CertPathValidatorException.class,
                    () -> validateWithOcsp(certificate, ca));
            assertEquals(CertPathValidatorException.BasicReason.REVOKED, refused.getReason());
            assertEquals(CRLReason.CERTIFICATE_HOLD, ((CertificateRevokedException) refused.getCause()).getRevocationReason());
            assertEquals(RevocationReason.CERTIFICATE_HOLD.code(), CRLReason.CERTIFICATE_HOLD.ordinal());
        }
    }

    /** What a kiosk's relying-party code does with the JDK alone: PKIX to the CA, OCSP only. */
    private static void validateWithOcsp(X509Certificate certificate, X509Certificate ca) throws GeneralSecurityException {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
        revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.addCertPathChecker(revocation);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
    }
}
