package jp.mynacard.perso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.jpki.JpkiCertificate;
import jp.mynacard.host.jpki.JpkiKey;
import jp.mynacard.jlis.ca.JpkiIssuer;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.channel.PersonalizationSession;
import jp.mynacard.perso.channel.PersonalizationStatus;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issuing a blank card with JpkiPersonalizer, as a personalization line does, on jcardsim. */
class JpkiPersonalizerTest {
    private static JpkiIssuer centre;

    @BeforeAll
    static void centre() {
        centre = JpkiIssuer.withNewAuthorities(Clock.systemUTC());
    }

    @Test
    void issuedCardHoldsTheCentresCertificatesForKeysItMadeItself() throws Exception {
        VirtualCard blank = VirtualCard.blank();
        IssuedCertificates issued;
        try (ApduChannel channel = ApduChannel.open(blank.terminal())) {
            issued = new JpkiPersonalizer(channel, VirtualCard.testIssuerKey()).personalize(Holder.sample(), JpkiPins.sample(), centre);
        }
        try (JpkiCard card = JpkiCard.open(blank.terminal())) {
            assertArrayEquals(issued.authCertificate(), card.readCertificate(JpkiCertificate.AUTH));
            assertArrayEquals(issued.authCaCertificate(), card.readCertificate(JpkiCertificate.AUTH_CA));
            assertArrayEquals(issued.signCaCertificate(), card.readCertificate(JpkiCertificate.SIGN_CA));
            card.verifyPin(JpkiKey.SIGN, "ABCDEF12".toCharArray());
            assertArrayEquals(issued.signCertificate(), card.readCertificate(JpkiCertificate.SIGN));

            byte[] message = {1, 2, 3};
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(card.certificate(JpkiCertificate.SIGN).getPublicKey());
            verifier.update(message);
            assertTrue(verifier.verify(card.sign(JpkiKey.SIGN, DigestAlgorithm.SHA256, message)));
        }
    }

    @Test
    void aLockedCardCannotBePersonalizedAgain() {
        VirtualCard issued = VirtualCard.issue(Holder.sample());
        try (ApduChannel channel = ApduChannel.open(issued.terminal())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new JpkiPersonalizer(channel, VirtualCard.testIssuerKey()).personalize(Holder.sample(), JpkiPins.sample(), centre));
            assertTrue(refused.getMessage().contains("already issued"), refused.getMessage());
        }
    }

    @Test
    void aPersonalizationThatStopsHalfwayLeavesACardNobodyCanUse() {
        VirtualCard blank = VirtualCard.blank();
        CertificateIssuer centreDown = (holder, authKey, signKey) -> {
            throw new IllegalStateException("centre unreachable");
        };
        try (ApduChannel channel = ApduChannel.open(blank.terminal())) {
            assertThrows(IllegalStateException.class,
                    () -> new JpkiPersonalizer(channel, VirtualCard.testIssuerKey()).personalize(Holder.sample(), JpkiPins.sample(), centreDown));
        }
        try (JpkiCard card = JpkiCard.open(blank.terminal())) {
            CardCommandException e = assertThrows(CardCommandException.class,
                    () -> card.verifyPin(JpkiKey.AUTH, "1234".toCharArray()));
            assertEquals(0x6985, e.statusWord());
        }
    }

    @Test
    void aTornPersonalizationIsSeenAsUnfinishedAndTheNextAttemptWipesAndRedoesIt() {
        VirtualCard card = VirtualCard.blank();
        CertificateIssuer centreDown = (holder, authKey, signKey) -> {
            throw new IllegalStateException("centre unreachable");
        };
        try (ApduChannel channel = ApduChannel.open(card.terminal())) {
            assertThrows(IllegalStateException.class,
                    () -> new JpkiPersonalizer(channel, VirtualCard.testIssuerKey()).personalize(Holder.sample(), JpkiPins.sample(), centreDown));
        }
        try (ApduChannel channel = ApduChannel.open(card.terminal())) {
            PersonalizationStatus torn = PersonalizationSession.open(channel, VirtualCard.testIssuerKey(),
                    CardApplication.JPKI.aid(), "JPKI AP").status();
            assertTrue(torn.isUnfinished(), "keys generated, nothing else: " + torn);
            IssuedCertificates issued = new JpkiPersonalizer(channel, VirtualCard.testIssuerKey())
                    .personalize(Holder.sample(), JpkiPins.sample(), centre);
            assertTrue(issued.authCertificate().length > 0);
        }
        try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
            jpki.verifyPin(JpkiKey.AUTH, "1234".toCharArray());
        }
    }

    @Test
    void apduDebugLogNeverHoldsAPin() {
        Logger logger = Logger.getLogger(ApduChannel.class.getName());
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            VirtualCard card = VirtualCard.issue(Holder.sample(), new JpkiPins("2468".toCharArray(), "SECRET99".toCharArray()));
            try (JpkiCard jpki = JpkiCard.open(card.terminal())) {
                jpki.verifyPin(JpkiKey.SIGN, "SECRET99".toCharArray());
                jpki.changePin(JpkiKey.AUTH, "2468".toCharArray(), "1357".toCharArray());
            }
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertTrue(lines.size() > 20, "the APDU log was not captured: " + lines.size() + " lines");
        for (String pin : List.of("2468", "SECRET99", "1357")) {
            for (String line : lines) {
                assertFalse(holdsPin(line, pin), "PIN in the APDU log: " + line);
            }
        }
    }

    /**
     * The PIN's ASCII bytes inside a hex dump, or the PIN as text outside one. Not the PIN's digits
     * as hex digits of other data: a 4-digit PIN turns up by chance in kilobytes of images and keys.
     */
    private static boolean holdsPin(String line, String pin) {
        byte[] pinBytes = pin.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.util.regex.Matcher hexRun = java.util.regex.Pattern.compile("[0-9A-Fa-f]{8,}").matcher(line);
        StringBuilder text = new StringBuilder();
        while (hexRun.find()) {
            String run = hexRun.group();
            if (run.length() % 2 != 0) {
                // not whole bytes: judge it as text
                continue;
            }
            byte[] bytes = HexFormat.of().parseHex(run);
            for (int i = 0; i + pinBytes.length <= bytes.length; i++) {
                if (java.util.Arrays.equals(bytes, i, i + pinBytes.length, pinBytes, 0, pinBytes.length)) {
                    return true;
                }
            }
            hexRun.appendReplacement(text, " ");
        }
        hexRun.appendTail(text);
        return text.toString().contains(pin)
                || text.toString().replace(" ", "").toUpperCase().contains(HexFormat.of().withUpperCase().formatHex(pinBytes));
    }
}
