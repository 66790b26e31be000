package jp.mynacard.sim;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import javacard.framework.AID;
import javacard.framework.Applet;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import jp.mynacard.applet.CommonApplet;
import jp.mynacard.applet.FreeAreaApplet;
import jp.mynacard.applet.InputHelperApplet;
import jp.mynacard.applet.JpkiApplet;
import jp.mynacard.applet.SurfaceApplet;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.freearea.FreeAreaCard;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.host.freearea.TenantSession;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreCertificateIssuer;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreSmartphoneCertificateIssuer;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CardDataSigner;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.model.smartphone.SmartphonePlatform;
import jp.mynacard.perso.JpkiPersonalizer;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.perso.card.CardPersonalizer;
import jp.mynacard.perso.channel.ChipInstallData;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.freearea.FreeAreaSlots;
import jp.mynacard.perso.smartphone.JpkiCardVoucher;

/**
 * A My Number card in this JVM: the real applets on jcardsim, installed as the chip factory
 * installs them (a card serial and the per-card channel key diversified from this JVM's test
 * issuer master key) and personalized the way a card is issued, over the secure channel (keys
 * generated on the card, certificates from the centre, PINs, LOCK).
 * <pre>{@code
 * VirtualCard card = VirtualCard.issue(Holder.sample());
 * JpkiCard jpki = JpkiCard.open(card.terminal());
 * }</pre>
 * One card is driven by one thread at a time, as a real card is by one reader.
 */
public final class VirtualCard {
    /** The chip's applets, installed under the spec's AIDs in this order: a new application is one more line. */
    private static final Map<CardApplication, Class<? extends Applet>> APPLETS = new EnumMap<>(Map.of(
            CardApplication.JPKI, JpkiApplet.class,
            CardApplication.INPUT_HELPER, InputHelperApplet.class,
            CardApplication.SURFACE, SurfaceApplet.class,
            CardApplication.FREE_AREA, FreeAreaApplet.class,
            CardApplication.COMMON, CommonApplet.class));
    private static final int APDU_HEADER_LENGTH = 4;
    private static final int JCARDSIM_SHORT_APDU_BUFFER = 260;
    private static final byte[] SW_WRONG_LENGTH = {0x67, 0x00};
    private static final String READER_NAME = "mynacard virtual reader";
    private static final java.util.concurrent.atomic.AtomicLong CARD_SERIALS = new java.util.concurrent.atomic.AtomicLong();

    static {
        CardRandomness.ensureSecure();
    }

    private final CardSimulator simulator;
    private final CardTerminal terminal;
    private final IssuedCertificates certificates;
    private final String serial;

    private VirtualCard(CardSimulator simulator, String serial, IssuedCertificates certificates) {
        this.simulator = simulator;
        this.serial = serial;
        this.terminal = CardTerminalSimulator.terminal(simulator, READER_NAME);
        this.certificates = certificates;
    }

    /**
     * A card for this holder with the sample PINs (1234 / ABCDEF12), certificates from this JVM's
     * test centre: the real centre code on a temporary data directory, serving OCSP and CRLs on a
     * loopback port for as long as the JVM runs, so the certificates' revocation URLs work.
     */
    public static VirtualCard issue(Holder holder) {
        return issue(holder, JpkiPins.sample());
    }

    public static VirtualCard issue(Holder holder, JpkiPins pins) {
        return issue(holder, pins, new CentreCertificateIssuer(new CentreClient(testCentre().uri(), null)));
    }

    /** Certificates from this issuer; the card-face data signed by the test centre's card-data signer. */
    public static VirtualCard issue(Holder holder, JpkiPins pins, CertificateIssuer issuer) {
        return issue(holder, pins, issuer, new CentreCardDataSigning(new CentreClient(testCentre().uri(), null)));
    }

    public static VirtualCard issue(Holder holder, JpkiPins pins, CertificateIssuer issuer, CardDataSigner cardDataSigner) {
        VirtualCard blank = blank();
        IssuedCertificates issued;
        try {
            Card card = blank.terminal.connect("*");
            try {
                ApduChannel channel = ApduChannel.over(card.getBasicChannel());
                IssuerMasterKey master = testIssuerKey();
                issued = new CardPersonalizer(channel, master).issue(holder, pins, issuer, cardDataSigner, blank.serial);
            } finally {
                card.disconnect(true);
            }
        } catch (CardException e) {
            throw new IllegalStateException("cannot reach the simulated card", e);
        }
        return new VirtualCard(blank.simulator, blank.serial, issued);
    }

    /**
     * Applets installed, nothing personalized: for personalization and lifecycle tests. The
     * card-face APs are installed too and stay unfinished (selectable, every PIN and key use
     * answering 6985); {@link #issue} personalizes all three APs. The free-area AP is installed
     * empty: slots come from a counter ({@link #addTenantSlot}).
     */
    public static VirtualCard blank() {
        return blank(nextCardSerial(), testIssuerKey());
    }

    /**
     * A blank made for another issuer master key, with a serial the caller chose: what the chip
     * factory delivers to a personalization bureau that holds that key (bin/perso --virtual).
     */
    public static VirtualCard blank(String serial, IssuerMasterKey master) {
        ChipRuntime runtime = new ChipRuntime(CardApplication.COMMON);
        CardSimulator simulator = new CardSimulator(runtime);
        for (Map.Entry<CardApplication, Class<? extends Applet>> applet : APPLETS.entrySet()) {
            install(simulator, applet.getKey().aid(), applet.getValue(), serial, master);
        }
        runtime.selectAtPowerUp(); // the power-up state; every reset returns to it
        return new VirtualCard(simulator, serial, null);
    }

    /**
     * A phone's secure element with a blank JPKI AP of that platform's token form (spec §3, C15):
     * what a phone maker's secure element holds before the holder asks for スマホ用電子証明書.
     */
    public static VirtualCard blankSmartphone(SmartphonePlatform platform) {
        return blankSmartphone(platform, testIssuerKey());
    }

    /** A blank phone made for another issuer master key (the secure element's issuer, for bin/perso smartphone). */
    public static VirtualCard blankSmartphone(SmartphonePlatform platform, IssuerMasterKey master) {
        String serial = nextSmartphoneSerial();
        ChipRuntime runtime = new ChipRuntime(null);
        CardSimulator simulator = new CardSimulator(runtime);
        install(simulator, CardApplication.JPKI.aid(), JpkiApplet.class, serial, master, platform.tokenForm());
        return new VirtualCard(simulator, serial, null);
    }

    /**
     * The phone's JPKI token issued against this card (スマホ用電子証明書): the phone generates its
     * key pairs, this card's signature key (its signature PIN {@code cardSignPin}, wiped here)
     * signs the request naming them, and the centre issues the phone's certificates to the holder
     * this card's signature certificate names; {@code phonePins} are the phone's own PINs.
     */
    public VirtualCard issueSmartphone(SmartphonePlatform platform, char[] cardSignPin, JpkiPins phonePins, CentreClient centre) {
        VirtualCard phone = blankSmartphone(platform);
        IssuedCertificates issued;
        try (JpkiCard card = JpkiCard.open(terminal)) {
            CertificateIssuer issuer = new CentreSmartphoneCertificateIssuer(centre, platform, JpkiCardVoucher.open(card, cardSignPin));
            Card secureElement = phone.terminal.connect("*");
            try {
                issued = new JpkiPersonalizer(ApduChannel.over(secureElement.getBasicChannel()), testIssuerKey())
                        .personalize(null, phonePins, issuer);
            } finally {
                secureElement.disconnect(true);
            }
        } catch (CardException e) {
            throw new IllegalStateException("cannot reach the simulated phone", e);
        }
        return new VirtualCard(phone.simulator, phone.serial, issued);
    }

    /** {@link #issueSmartphone(SmartphonePlatform, char[], JpkiPins, CentreClient)} from this JVM's test centre. */
    public VirtualCard issueSmartphone(SmartphonePlatform platform, char[] cardSignPin, JpkiPins phonePins) {
        return issueSmartphone(platform, cardSignPin, phonePins, testCentreClient());
    }

    private static void install(CardSimulator simulator, byte[] aid, Class<? extends Applet> applet, String serial,
                                IssuerMasterKey master) {
        install(simulator, aid, applet, serial, master, null);
    }

    private static void install(CardSimulator simulator, byte[] aid, Class<? extends Applet> applet, String serial,
                                IssuerMasterKey master, Byte option) {
        byte[] data = ChipInstallData.of(aid, serial.getBytes(java.nio.charset.StandardCharsets.US_ASCII), master, option);
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet, data, (short) 0, (byte) data.length);
    }

    /**
     * The card serial: what GET DATA C1 answers and the key diversification uses, and the
     * card-surface AP's serial (EF 0003 DF 32). Unique in this JVM, as the bureau's are.
     */
    private static String nextCardSerial() {
        return String.format("VC%010d", CARD_SERIALS.incrementAndGet());
    }

    private static String nextSmartphoneSerial() {
        return String.format("VS%010d", CARD_SERIALS.incrementAndGet());
    }

    /**
     * What a municipal counter and then the tenant do for a service on this card: the counter
     * creates the slot over the issuer's channel, the tenant writes its data with its own key.
     */
    public void addTenantSlot(SlotName name, ReadPolicy policy, int capacity, TenantKey key, byte[] content) {
        try {
            Card card = terminal.connect("*");
            try {
                ApduChannel channel = ApduChannel.over(card.getBasicChannel());
                FreeAreaSlots.open(channel, testIssuerKey()).create(name, policy, capacity, key);
                try (TenantSession tenant = FreeAreaCard.over(channel).authenticate(name, key)) {
                    tenant.write(content);
                }
            } finally {
                card.disconnect(true);
            }
        } catch (CardException e) {
            throw new IllegalStateException("cannot reach the simulated card", e);
        }
    }

    public String serial() {
        return serial;
    }

    /**
     * The issuer master key the virtual cards of this JVM are made for: counter operations
     * (PIN reset, key renewal) after issuance open the secure channel with it.
     */
    public static IssuerMasterKey testIssuerKey() {
        return TestIssuerKey.KEY;
    }

    /** A reader with this card in it, for {@code javax.smartcardio} clients such as the host library. */
    public CardTerminal terminal() {
        return terminal;
    }

    /** What the centre issued at personalization; null for a blank card. */
    public IssuedCertificates certificates() {
        return certificates;
    }

    /** One APDU, as a reader would pass it on; what is not an APDU gets 6700, as from a card. */
    public byte[] transmit(byte[] apdu) {
        boolean shortForm = apdu.length > APDU_HEADER_LENGTH && apdu[APDU_HEADER_LENGTH] != 0;
        if (apdu.length < APDU_HEADER_LENGTH || (shortForm && apdu.length > JCARDSIM_SHORT_APDU_BUFFER)) {
            // jcardsim copies a short APDU whole into a 260-byte buffer: a case-4 command with 255 data
            // bytes and its Le (261 bytes) overflowed it and came back 6F00; a card with that buffer refuses it
            return SW_WRONG_LENGTH.clone();
        }
        try {
            return simulator.transmitCommand(apdu);
        } catch (RuntimeException e) {
            // jcardsim's own APDU parsing refused it (a bad Lc/Le form): the card's answer is a length error
            return SW_WRONG_LENGTH.clone();
        }
    }

    /** Power cycle: transient state (selection, verified PINs) is lost, persistent state stays. */
    public void reset() {
        simulator.reset();
    }

    /** A client of {@link #testCentre()}. */
    public static CentreClient testCentreClient() {
        return new CentreClient(testCentre().uri(), null);
    }

    /** The centre that issued the certificates of {@link #issue(Holder)}: revoke or suspend them there. */
    public static Centre testCentre() {
        return TestCentre.CENTRE;
    }

    /** One centre per JVM, started on first use (its CA keys take a moment to generate). */
    private static final class TestCentre {
        static final Centre CENTRE = start();

        private static Centre start() {
            try {
                Path data = Files.createTempDirectory("mynacard-test-centre");
                Centre centre = Centre.start(CentreConfiguration.embedded(data));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    centre.close();
                    deleteQuietly(data);
                }, "test-centre-stop"));
                return centre;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test centre", e);
            }
        }

        private static void deleteQuietly(Path data) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
