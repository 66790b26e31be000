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
    private final Clock clock;
    private final SecureRandom documentNumbers = new SecureRandom();

    public MunicipalService(HolderVerifier verifier, CentreHolderLink centre, ResidentRegister register,
                            ResidenceCertificatePdf pdf, Clock clock) {
        this.verifier = verifier;
        this.centre = centre;
        this.register = register;
        this.pdf = pdf;
        this.clock = clock;
    }

    public Challenge challenge() {
        return verifier.challenge();
    }

    /** Decides on an authentication response (the wire JSON) and, for a resident, issues the certificate. */
    public Issuance residenceCertificate(String responseJson) {
        Verdict verdict = verifier.verify(responseJson);
        if (verdict instanceof Verdict.Refused refused) {
            LOG.info(() -> "refused: " + refused.refusal().english()
                    + refused.refusal().validation().map(v -> " — " + v.describe()).orElse(""));
            return Issuance.refused(ServiceRefusal.of(refused.refusal()));
        }
        BigInteger serial = ((Verdict.Accepted) verdict).certificate().getSerialNumber();
        Optional<HolderAttributes> holder;
        try {
            holder = centre.holderOf(serial);
        } catch (HolderLinkException e) {
            LOG.warning("holder query failed: " + e.getMessage());
            return Issuance.refused(ServiceRefusal.centreUnavailable());
        }
        if (holder.isEmpty()) {
            return Issuance.refused(ServiceRefusal.holderUnknown());
        }
        Optional<Resident> resident = register.find(holder.get());
        if (resident.isEmpty()) {
            return Issuance.refused(ServiceRefusal.notAResident(register.municipality()));
        }
        LocalDate today = LocalDate.now(clock);
        // random, not counted: kiosks each embedding a service must not hand out the same number
        String number = String.format("%s-%s-%010d", register.municipalityCode(),
                today.toString().replace("-", ""), documentNumbers.nextLong(10_000_000_000L));
        LOG.info(() -> "issued " + number + " after authentication with certificate "
                + serial.toString(16).toUpperCase(java.util.Locale.ROOT));
        return Issuance.issued(number, pdf.render(new ResidenceCertificate(number, resident.get(), register.municipality(),
                today, serial)));
    }
}
