package jp.mynacard.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.model.card.BerTlv;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.sim.VirtualCard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * APDU fuzzing of each AP of an issued card: episodes of mutated valid sessions and made-up
 * APDUs, {@link FuzzedCard} checking every answer and the PIN counters between episodes, then the
 * valid flows: every EF reads back byte for byte as before, each card key signs and the signature
 * verifies, every PIN takes its value with its full tries. Size: {@code -Dmynacard.fuzz.apdus}.
 */
class ApduFuzzTest {
    private static final HexFormat HEX = HexFormat.of();
    /** VERIFY/CHANGE REFERENCE DATA with data per episode: fewer than the auth PIN's 3 tries, so no PIN blocks. */
    private static final int PIN_COMMANDS_PER_EPISODE = 2;
    private static final int AUTHENTICATE_COMMANDS_PER_EPISODE = 3;

    @ParameterizedTest
    @EnumSource(FuzzedAp.class)
    void everyAnswerKeepsTheInvariantsAndTheValidFlowsStillWork(FuzzedAp target) throws Exception {
        FuzzRun run = FuzzRun.fromSystemProperties("APDUs to the " + target.label);
        Random random = run.random(target.name());
        VirtualCard card = VirtualCard.issue(Holder.sample());
        byte[] openSlot = "library card 0042: open to any reader".getBytes(StandardCharsets.US_ASCII);
        byte[] keyedSlot = randomBytes(random, 200);
        byte[] openKey = randomBytes(random, TenantKey.LENGTH);
        byte[] keyedKey = randomBytes(random, TenantKey.LENGTH);
        card.addTenantSlot(ValidSessions.OPEN, ReadPolicy.OPEN, 64, TenantKey.of(openKey.clone()), openSlot);
        card.addTenantSlot(ValidSessions.KEYED, ReadPolicy.KEYED, 256, TenantKey.of(keyedKey.clone()), keyedSlot);
        card.reset();

        CardSnapshot before = CardSnapshot.read(card::transmit);
        List<RSAPublicKey> keys = cardKeys(card, before);
        List<byte[]> publicContent = new ArrayList<>(before.publicFiles().values());
        publicContent.add(openSlot);
        List<String> pins = new ArrayList<>();
        for (FuzzedAp ap : FuzzedAp.values()) {
            ap.pins.forEach(pin -> pins.add(pin.value()));
        }
        LeakWatch watch = new LeakWatch(publicContent, before.protectedFiles(), List.of(keyedSlot, openKey, keyedKey),
                pins, "123456789018", FuzzedAp.INPUT_HELPER.file(0x0001), keys);
        FuzzedCard fuzzed = new FuzzedCard(card, watch, run);
        ApduMutator mutator = new ApduMutator(random);
        List<List<byte[]>> corpus = ValidSessions.of(target);
        int total = FuzzRun.apdusPerAp();

        long started = System.nanoTime();
        fuzzed.checkpoint(target);
        int episodes = 0;
        while (fuzzed.sent() < total) {
            List<byte[]> session = corpus.get(random.nextInt(corpus.size()));
            int at = random.nextInt(4) == 0 ? random.nextInt(session.size()) : 0;
            int length = 8 + random.nextInt(56);
            for (int i = 0; i < length && fuzzed.sent() < total; i++) {
                byte[] valid = session.get(at++ % session.size());
                // SELECT and VERIFY mostly go as recorded, so the fuzz also reaches the states behind them
                int keep = valid[1] == (byte) 0xA4 || valid[1] == 0x20 ? 12 : 6;
                int choice = random.nextInt(20);
                byte[] apdu = choice < keep ? valid : choice < 17 ? mutator.mutate(valid) : mutator.fromScratch();
                fuzzed.send(withinTries(apdu, fuzzed));
            }
            fuzzed.checkpoint(target);
            episodes++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz %s: %d APDUs in %d episodes, %.1f s, %.0f APDUs/s (with checkpoints)%n",
                target.label, fuzzed.sent(), episodes, seconds, fuzzed.sent() / seconds);
        System.out.println("fuzz " + target.label + " " + fuzzed.coverage());

        card.reset();
        CardSnapshot after = CardSnapshot.read(card::transmit);
        assertTrue(before.sameAs(after), "every EF reads back as before the fuzz run" + run.replay());
        assertSigns(card::transmit, FuzzedAp.JPKI, FuzzedAp.JPKI.pins.get(0), 0x0017, keys.get(0), run);
        assertSigns(card::transmit, FuzzedAp.JPKI, FuzzedAp.JPKI.pins.get(1), 0x001A, keys.get(1), run);
        assertSigns(card::transmit, FuzzedAp.SURFACE, null, 0x0017, keys.get(2), run);
        assertOpenSlotReads(card::transmit, openSlot, run);
        Map<String, Integer> tries = fuzzed.readPinTries();
        for (FuzzedAp ap : FuzzedAp.values()) {
            for (FuzzedAp.Pin pin : ap.pins) {
                assertEquals(pin.maxTries(), tries.get(ap.name() + "/" + String.format("%04X", pin.fid())),
                        ap.label + " PIN " + pin.fid() + " has its full tries after the right VERIFY" + run.replay());
            }
        }
    }

    /** Past this episode's budget, a VERIFY or CHANGE REFERENCE DATA becomes a tries query, an EXTERNAL AUTHENTICATE loses its data. */
    private static byte[] withinTries(byte[] apdu, FuzzedCard card) {
        if (apdu.length <= 4) {
            return apdu;
        }
        int ins = apdu[1] & 0xFF;
        if ((ins == 0x20 || ins == 0x24) && card.pinCommands() >= PIN_COMMANDS_PER_EPISODE) {
            return FuzzedAp.TRIES_QUERY;
        }
        if (ins == 0x82 && card.authenticateCommands() >= AUTHENTICATE_COMMANDS_PER_EPISODE) {
            return java.util.Arrays.copyOf(apdu, 4);
        }
        return apdu;
    }

    /** The JPKI keys from their certificates, the card-surface AP's from the front face (DF 24: 90 exponent, 91 modulus). */
    private static List<RSAPublicKey> cardKeys(VirtualCard card, CardSnapshot snapshot) throws GeneralSecurityException {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<RSAPublicKey> keys = new ArrayList<>();
        keys.add((RSAPublicKey) x509.generateCertificate(new ByteArrayInputStream(card.certificates().authCertificate())).getPublicKey());
        keys.add((RSAPublicKey) x509.generateCertificate(new ByteArrayInputStream(card.certificates().signCertificate())).getPublicKey());
        byte[] face = snapshot.protectedFiles().get(FuzzedAp.SURFACE.name() + "/" + 0x0002);
        byte[] publicKey = BerTlv.parseWhole(face, 0xFF20, "front face").children("front face").stream()
                .filter(tlv -> tlv.tag() == 0xDF24).findFirst().orElseThrow().value();
        BigInteger exponent = null;
        BigInteger modulus = null;
        for (int at = 0; at < publicKey.length; ) {
            BerTlv part = BerTlv.parse(publicKey, at, publicKey.length, "card key");
            if (part.tag() == 0x90) {
                exponent = new BigInteger(1, part.value());
            } else if (part.tag() == 0x91) {
                modulus = new BigInteger(1, part.value());
            }
            at += part.encoded().length;
        }
        keys.add((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
        return keys;
    }

    private static void assertSigns(UnaryOperator<byte[]> card, FuzzedAp ap, FuzzedAp.Pin pin, int keyFid, RSAPublicKey key, FuzzRun run)
            throws GeneralSecurityException {
        CardSnapshot.expect9000(card, ap.select(), "SELECT " + ap.label);
        if (pin != null) {
            CardSnapshot.expect9000(card, FuzzedAp.selectFile(pin.fid()), "SELECT PIN EF");
            CardSnapshot.expect9000(card, FuzzedAp.verify(pin.ascii()), "VERIFY after the fuzz run" + run.replay());
        }
        CardSnapshot.expect9000(card, FuzzedAp.selectFile(keyFid), "SELECT key EF");
        byte[] digestInfo = ValidSessions.digestInfo("after the fuzz run");
        byte[] signature = CardSnapshot.expect9000(card, ValidSessions.sign(digestInfo), ap.label + " signs after the fuzz run" + run.replay());
        Signature verifier = Signature.getInstance("NONEwithRSA");
        verifier.initVerify(key);
        verifier.update(digestInfo);
        assertTrue(verifier.verify(signature), ap.label + " key " + Integer.toHexString(keyFid) + " signature verifies" + run.replay());
    }

    private static void assertOpenSlotReads(UnaryOperator<byte[]> card, byte[] content, FuzzRun run) {
        CardSnapshot.expect9000(card, FuzzedAp.FREE_AREA.select(), "SELECT free-area AP");
        byte[] read = ApduMutator.concat(ApduMutator.concat(HEX.parseHex("80B0000008"), ValidSessions.OPEN.encoded()), new byte[] {0x00});
        assertArrayEquals(content, CardSnapshot.expect9000(card, read, "READ open slot"), "the open slot reads as before" + run.replay());
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
