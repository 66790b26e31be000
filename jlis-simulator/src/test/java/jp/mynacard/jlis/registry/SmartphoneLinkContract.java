package jp.mynacard.jlis.registry;

import static jp.mynacard.jlis.ca.CertificateUsage.SIGNATURE;
import static jp.mynacard.jlis.ca.CertificateUsage.USER_AUTHENTICATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import org.junit.jupiter.api.Test;

/**
 * What every registry does with a phone's certificates (スマホ用電子証明書): recorded with their link
 * to the card signature certificate in one transaction, revoked with it, untouched by its
 * suspension, superseded by the next pair for the same platform; kept across a reopen.
 * {@link RevocationRegistryContract} runs these on each database.
 */
interface SmartphoneLinkContract {
    Instant ISSUED = Instant.parse("2026-04-01T00:00:00Z");
    Instant LATER = Instant.parse("2026-05-01T00:00:00Z");
    Instant PHONE_NOT_AFTER = Instant.parse("2030-03-31T14:59:59Z");
    BigInteger CARD = BigInteger.valueOf(0x100);

    JdbcRevocationRegistry registry();

    JdbcRevocationRegistry reopen();

    private static NewCertificate phoneCertificate(long serial) {
        return new NewCertificate(BigInteger.valueOf(serial), PHONE_NOT_AFTER,
                ("phone-certificate-" + serial).getBytes(StandardCharsets.US_ASCII));
    }

    private SmartphoneLink phone(SmartphonePlatform platform, long authSerial, long signSerial) {
        return registry().recordSmartphoneIssued(CARD, platform, phoneCertificate(authSerial), phoneCertificate(signSerial),
                ISSUED);
    }

    private void issueCard() {
        registry().recordIssued(SIGNATURE, CARD, PHONE_NOT_AFTER, "card-signature-certificate".getBytes(StandardCharsets.US_ASCII));
    }

    private CertificateRecord state(CertificateUsage usage, long serial) {
        return registry().find(usage, BigInteger.valueOf(serial)).orElseThrow();
    }

    @Test
    default void aPhonesPairIsRecordedGoodAndLinkedToTheCardAcrossAReopen() {
        issueCard();
        long before = registry().currentSequence();

        SmartphoneLink link = phone(SmartphonePlatform.ANDROID, 0x201, 0x202);

        assertEquals(new SmartphoneLink(CARD, SmartphonePlatform.ANDROID, BigInteger.valueOf(0x201),
                BigInteger.valueOf(0x202), ISSUED), link);
        assertEquals(before + 2, registry().currentSequence(), "two issuances, one change each");
        assertEquals(CertificateState.GOOD, state(USER_AUTHENTICATION, 0x201).state());
        assertEquals(CertificateState.GOOD, state(SIGNATURE, 0x202).state());
        reopen();
        assertEquals(List.of(link), registry().smartphonesOf(CARD));
        assertEquals(Optional.of(link), registry().smartphoneLinkOf(USER_AUTHENTICATION, BigInteger.valueOf(0x201)));
        assertEquals(Optional.of(link), registry().smartphoneLinkOf(SIGNATURE, BigInteger.valueOf(0x202)));
        assertEquals(Optional.empty(), registry().smartphoneLinkOf(SIGNATURE, CARD), "the card's own is no phone's");
        assertTrue(registry().certificate(USER_AUTHENTICATION, BigInteger.valueOf(0x201)).isPresent());
    }

    @Test
    default void revokingTheCardRevokesItsPhonesInTheSameChangeAndAReportedLossKeepsItsReason() {
        issueCard();
        phone(SmartphonePlatform.ANDROID, 0x201, 0x202);
        phone(SmartphonePlatform.IPHONE, 0x301, 0x302);
        registry().revoke(USER_AUTHENTICATION, BigInteger.valueOf(0x301), RevocationReason.KEY_COMPROMISE, ISSUED, null);
        long before = registry().currentSequence();

        CertificateRecord card = registry().revoke(SIGNATURE, CARD, RevocationReason.AFFILIATION_CHANGED, LATER, null);

        assertEquals(CertificateState.REVOKED, card.state());
        assertEquals(before + 4, registry().currentSequence(), "the card and the three phone certificates still good");
        for (JdbcRevocationRegistry registry : List.of(registry(), reopen())) {
            for (CertificateRecord phone : List.of(registry.find(USER_AUTHENTICATION, BigInteger.valueOf(0x201)).orElseThrow(),
                    registry.find(SIGNATURE, BigInteger.valueOf(0x202)).orElseThrow(),
                    registry.find(SIGNATURE, BigInteger.valueOf(0x302)).orElseThrow())) {
                assertEquals(CertificateState.REVOKED, phone.state(), phone.toString());
                assertEquals(RevocationRegistry.PHONE_REVOKED_WITH_CARD, phone.reason());
                assertEquals(LATER, phone.revokedAt());
            }
            assertEquals(RevocationReason.KEY_COMPROMISE,
                    registry.find(USER_AUTHENTICATION, BigInteger.valueOf(0x301)).orElseThrow().reason());
        }
        List<BigInteger> listed = new java.util.ArrayList<>();
        registry().forEachRevoked(SIGNATURE, before, registry().currentSequence(), entry -> listed.add(entry.serial()));
        assertEquals(java.util.Set.of(CARD, BigInteger.valueOf(0x202), BigInteger.valueOf(0x302)), java.util.Set.copyOf(listed));
    }

    @Test
    default void suspendingTheCardLeavesThePhoneGoodAndNothingDoneToThePhoneTouchesTheCard() {
        issueCard();
        phone(SmartphonePlatform.ANDROID, 0x201, 0x202);

        registry().suspend(SIGNATURE, CARD, LATER);
        assertEquals(CertificateState.GOOD, state(USER_AUTHENTICATION, 0x201).state());
        assertEquals(CertificateState.GOOD, state(SIGNATURE, 0x202).state());

        registry().suspend(SIGNATURE, BigInteger.valueOf(0x202), LATER);
        registry().revoke(USER_AUTHENTICATION, BigInteger.valueOf(0x201), RevocationReason.KEY_COMPROMISE, LATER, null);
        assertEquals(CertificateState.SUSPENDED, registry().find(SIGNATURE, CARD).orElseThrow().state());
    }

    @Test
    default void aSecondPairForTheSamePlatformSupersedesTheFirstAndLeavesTheOtherPlatformAlone() {
        issueCard();
        phone(SmartphonePlatform.ANDROID, 0x201, 0x202);
        phone(SmartphonePlatform.IPHONE, 0x301, 0x302);

        phone(SmartphonePlatform.ANDROID, 0x401, 0x402);

        assertEquals(RevocationRegistry.PHONE_REPLACED, state(USER_AUTHENTICATION, 0x201).reason());
        assertEquals(RevocationRegistry.PHONE_REPLACED, state(SIGNATURE, 0x202).reason());
        for (long serial : new long[] {0x302, 0x402}) {
            assertEquals(CertificateState.GOOD, state(SIGNATURE, serial).state());
        }
        assertEquals(List.of(0x202L, 0x302L, 0x402L), reopen().smartphonesOf(CARD).stream()
                .map(link -> link.signatureSerial().longValue()).toList(), "oldest first");
    }

    @Test
    default void onlyAGoodCardSignatureCertificateVouchesAndARefusalRecordsNothing() {
        assertThrows(UnknownCertificateException.class, () -> phone(SmartphonePlatform.ANDROID, 0x201, 0x202));
        issueCard();
        phone(SmartphonePlatform.ANDROID, 0x201, 0x202);
        assertThrows(InvalidTransitionException.class, () -> registry().recordSmartphoneIssued(BigInteger.valueOf(0x202),
                SmartphonePlatform.IPHONE, phoneCertificate(0x501), phoneCertificate(0x502), LATER), "a phone vouches for no phone");

        registry().suspend(SIGNATURE, CARD, LATER);
        long before = registry().currentSequence();
        InvalidTransitionException refused = assertThrows(InvalidTransitionException.class,
                () -> phone(SmartphonePlatform.ANDROID, 0x601, 0x602));

        assertTrue(refused.getMessage().contains("certificateHold"), refused.getMessage());
        assertEquals(before, registry().currentSequence());
        for (long serial : new long[] {0x501, 0x502, 0x601, 0x602}) {
            assertEquals(Optional.empty(), registry().find(SIGNATURE, BigInteger.valueOf(serial)));
            assertEquals(Optional.empty(), registry().find(USER_AUTHENTICATION, BigInteger.valueOf(serial)));
        }
        assertEquals(CertificateState.GOOD, state(SIGNATURE, 0x202).state(), "the refused replacement superseded nothing");
        assertEquals(1, reopen().smartphonesOf(CARD).size());
    }
}
