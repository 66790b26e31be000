package jp.mynacard.fuzz;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javacard.framework.AID;
import javacard.framework.Applet;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import jp.mynacard.applet.CommonApplet;
import jp.mynacard.applet.FreeAreaApplet;
import jp.mynacard.applet.InputHelperApplet;
import jp.mynacard.applet.SurfaceApplet;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.jlis.client.CentreCardDataSigning;
import jp.mynacard.jlis.client.CentreCertificateIssuer;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.JpkiPins;
import jp.mynacard.perso.card.CardPersonalizer;
import jp.mynacard.perso.channel.ChipInstallData;
import jp.mynacard.sim.VirtualCard;

/**
 * A card issued as {@link VirtualCard#issue(Holder)} issues one (the sample holder, the sample
 * PINs, certificates from the test centre), whose JPKI AP runs a {@link BrokenJpkiApplet}: the
 * chip the fuzzer's checks are shown to fail on.
 */
final class BrokenCard implements FuzzedChip {
    /** Unique in this JVM, as the centre's registry wants a card's serial. */
    private static final AtomicInteger SERIALS = new AtomicInteger();

    private final CardSimulator simulator;
    private final CardTerminal terminal;

    private BrokenCard(CardSimulator simulator) {
        this.simulator = simulator;
        this.terminal = CardTerminalSimulator.terminal(simulator, "broken card reader");
    }

    /** Installs the applets as the chip factory does, {@code jpki} for the JPKI AP, and personalizes the card. */
    static BrokenCard issue(Class<? extends BrokenJpkiApplet> jpki) {
        String serial = String.format("BC%010d", SERIALS.incrementAndGet());
        CardSimulator simulator = new CardSimulator();
        Map<CardApplication, Class<? extends Applet>> applets = Map.of(CardApplication.JPKI, jpki,
                CardApplication.INPUT_HELPER, InputHelperApplet.class, CardApplication.SURFACE, SurfaceApplet.class,
                CardApplication.FREE_AREA, FreeAreaApplet.class, CardApplication.COMMON, CommonApplet.class);
        applets.forEach((application, applet) -> {
            byte[] aid = application.aid();
            byte[] data = ChipInstallData.of(aid, serial.getBytes(StandardCharsets.US_ASCII), VirtualCard.testIssuerKey());
            simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet, data, (short) 0, (byte) data.length);
        });
        BrokenCard card = new BrokenCard(simulator);
        try {
            Card connected = card.terminal.connect("*");
            try {
                new CardPersonalizer(ApduChannel.over(connected.getBasicChannel()), VirtualCard.testIssuerKey())
                        .issue(Holder.sample(), JpkiPins.sample(), new CentreCertificateIssuer(VirtualCard.testCentreClient()),
                                new CentreCardDataSigning(VirtualCard.testCentreClient()), serial);
            } finally {
                connected.disconnect(true);
            }
        } catch (CardException e) {
            throw new IllegalStateException("cannot reach the simulated card", e);
        }
        return card;
    }

    @Override
    public byte[] transmit(byte[] apdu) {
        return simulator.transmitCommand(apdu);
    }

    @Override
    public void reset() {
        simulator.reset();
    }

    @Override
    public CardTerminal terminal() {
        return terminal;
    }

    @Override
    public int issuerTries(byte[] aid) {
        return ChipTries.issuerTries(simulator, aid);
    }
}
