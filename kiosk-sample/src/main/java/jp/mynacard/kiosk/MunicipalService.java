package jp.mynacard.kiosk;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.logging.Logger;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.HolderVerifier;
import jp.mynacard.host.kiosk.Verdict;

/**
 * The municipality's certificate issuing service (証明書交付センター's role, small): authenticates
 * the holder ({@link HolderVerifier}), asks the centre whom the certificate was issued to, finds
 * the resident in the register and issues the 住民票の写し. Thread safe.
 */
public final class MunicipalService {
    private static final Logger LOG = Logger.getLogger(MunicipalService.class.getName());

    /** What a request for a certificate ended in: the PDF, or a refusal for the clerk. */
    public record Issuance(Optional<String> documentNumber, Optional<byte[]> pdf, Optional<ServiceRefusal> refusal) {
        static Issuance issued(String documentNumber, byte[] pdf) {
            return new Issuance(Optional.of(documentNumber), Optional.of(pdf), Optional.empty());
        }

        static Issuance refused(ServiceRefusal refusal) {
            return new Issuance(Optional.empty(), Optional.empty(), Optional.of(refusal));
        }
    }

    private final HolderVerifier verifier;
    private final CentreHolderLink centre;
    private final ResidentRegister register;
    private final ResidenceCertificatePdf pdf;
    private final SealRegister seals;
    private final SealCertificatePdf sealPdf;
    private final Clock clock;
    private final SecureRandom documentNumbers = new SecureRandom();

    /** A service whose seal register is the sample one. */
    public MunicipalService(HolderVerifier verifier, CentreHolderLink centre, ResidentRegister register,
                            ResidenceCertificatePdf pdf, Clock clock) {
        this(verifier, centre, register, pdf, SealRegister.sample(), new SealCertificatePdf(pdf.fontFile()), clock);
    }

    public MunicipalService(HolderVerifier verifier, CentreHolderLink centre, ResidentRegister register,
                            ResidenceCertificatePdf pdf, SealRegister seals, SealCertificatePdf sealPdf, Clock clock) {
        this.verifier = verifier;
        this.centre = centre;
        this.register = register;
        this.pdf = pdf;
        this.seals = seals;
        this.sealPdf = sealPdf;
        this.clock = clock;
    }

    /** The holder authenticated and found in the register, or why not. */
    private record Identified(Optional<Resident> resident, BigInteger serial, Optional<ServiceRefusal> refusal) {
        static Identified refused(ServiceRefusal refusal) {
            return new Identified(Optional.empty(), null, Optional.of(refusal));
        }
    }

    public Challenge challenge() {
        return verifier.challenge();
    }

    /** Decides on an authentication response (the wire JSON) and, for a resident, issues the 住民票の写し. */
    public Issuance residenceCertificate(String responseJson) {
        Identified identified = identify(responseJson);
        if (identified.refusal().isPresent()) {
            return Issuance.refused(identified.refusal().get());
        }
        LocalDate today = LocalDate.now(clock);
        String number = documentNumber(today);
        logIssued(number, identified.serial());
        return Issuance.issued(number, pdf.render(new ResidenceCertificate(number, identified.resident().get(),
                register.municipality(), today, identified.serial())));
    }

    /**
     * The 印鑑登録証明書: the same authentication, then the registration number the kiosk read
     * from the card's free area must be a registration of that very resident. A number read from
     * someone else's card, or made up, gets the same refusal as none.
     */
    public Issuance sealCertificate(String responseJson, String registrationNumber) {
        Identified identified = identify(responseJson);
        if (identified.refusal().isPresent()) {
            return Issuance.refused(identified.refusal().get());
        }
        Resident resident = identified.resident().get();
        Optional<SealRegistration> registration = seals.find(registrationNumber, resident);
        if (registration.isEmpty()) {
            LOG.info(() -> "refused: no seal registration " + registrationNumber + " for the authenticated resident");
            return Issuance.refused(ServiceRefusal.sealNotRegistered());
        }
        LocalDate today = LocalDate.now(clock);
        String number = documentNumber(today);
        logIssued(number, identified.serial());
        return Issuance.issued(number, sealPdf.render(new SealCertificate(number, resident, registration.get(),
                register.municipality(), today, identified.serial())));
    }

    private Identified identify(String responseJson) {
        Verdict verdict = verifier.verify(responseJson);
        if (verdict instanceof Verdict.Refused refused) {
            LOG.info(() -> "refused: " + refused.refusal().english()
                    + refused.refusal().validation().map(v -> " — " + v.describe()).orElse(""));
            return Identified.refused(ServiceRefusal.of(refused.refusal()));
        }
        BigInteger serial = ((Verdict.Accepted) verdict).certificate().getSerialNumber();
        Optional<HolderAttributes> holder;
        try {
            holder = centre.holderOf(serial);
        } catch (HolderLinkException e) {
            LOG.warning("holder query failed: " + e.getMessage());
            return Identified.refused(ServiceRefusal.centreUnavailable());
        }
        if (holder.isEmpty()) {
            return Identified.refused(ServiceRefusal.holderUnknown());
        }
        Optional<Resident> resident = register.find(holder.get());
        if (resident.isEmpty()) {
            return Identified.refused(ServiceRefusal.notAResident(register.municipality()));
        }
        return new Identified(resident, serial, Optional.empty());
    }

    /** Random, not counted: kiosks each embedding a service must not hand out the same number. */
    private String documentNumber(LocalDate today) {
        return String.format("%s-%s-%010d", register.municipalityCode(),
                today.toString().replace("-", ""), documentNumbers.nextLong(10_000_000_000L));
    }

    private static void logIssued(String number, BigInteger serial) {
        LOG.info(() -> "issued " + number + " after authentication with certificate "
                + serial.toString(16).toUpperCase(java.util.Locale.ROOT));
    }
}
