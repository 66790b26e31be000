package jp.mynacard.host.cardface;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.Month;
import java.util.Objects;
import jp.mynacard.model.card.CardVerifiableCertificate;

/**
 * Age verification from the card-surface AP's age record (spec §5): with the birth-date key the
 * holder proves being at least some age, and the answer is only yes or no. The record's
 * signature is checked first, then the chip proves it holds the key the record names (DF 12); a
 * record that is not as the centre signed it, or sits on another chip, is refused.
 *
 * <p>Ages count as Japanese law counts them (年齢計算ニ関スル法律): a person turns N at the end
 * of the day before the N-th anniversary of birth, so is N from the anniversary on; someone
 * born on 29 February turns N at the end of 28 February, so is N from 1 March in common years.
 */
public final class AgeProof {
    private AgeProof() {
    }

    /**
     * Verifies the birth-date key, reads and checks the age record, and answers whether the
     * holder is at least {@code years} old on {@code today}.
     *
     * @param trustedSigner the card-data signer the record must be signed by; null trusts the card's own certificate
     * @throws CardDataNotGenuineException when the record's signature does not verify, or the card's signer is not {@code trustedSigner}
     */
    public static boolean prove(SurfaceCard card, char[] birthDateKey, int years, LocalDate today,
            X509Certificate trustedSigner) {
        if (years < 0) {
            throw new IllegalArgumentException("years must not be negative");
        }
        Objects.requireNonNull(today);
        card.verifyPin(SurfacePin.BIRTH_DATE_KEY, birthDateKey);
        AgeRecord record = card.ageRecord();
        CardVerifiableCertificate signer = card.signerCertificate();
        if (trustedSigner != null && !CardDataVerifier.isPinnedSigner(signer, trustedSigner)) {
            throw new CardDataNotGenuineException("the age record's signer certificate is not the expected one");
        }
        if (!record.signatureValidFor(signer.publicKey())) {
            throw new CardDataNotGenuineException("age record signature invalid");
        }
        // the record names its chip's key (DF 12): a copy of a genuine record on another chip cannot answer for it
        if (!card.authenticateCard(record.cardAuthenticationKey())) {
            throw new CardDataNotGenuineException("the chip cannot prove the age record is its own: a copy");
        }
        return atLeast(record.birthDate(), years, today);
    }

    /** Whether someone born on {@code birthDate} is at least {@code years} old on {@code today}. */
    static boolean atLeast(LocalDate birthDate, int years, LocalDate today) {
        return !today.isBefore(anniversary(birthDate, years));
    }

    private static LocalDate anniversary(LocalDate birthDate, int years) {
        int year = birthDate.getYear() + years;
        if (birthDate.getMonth() == Month.FEBRUARY && birthDate.getDayOfMonth() == 29 && !java.time.Year.isLeap(year)) {
            return LocalDate.of(year, Month.MARCH, 1);
        }
        return birthDate.withYear(year);
    }
}
