package jp.mynacard.sim;

import java.security.SecureRandom;
import java.util.function.Consumer;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * A personalization machine's card feeder in the vpcd reader ({@code bin/vcard --blank --feeder}):
 * a blank card sits in the reader; once the host resets it with every AP locked (issued), the
 * issued card goes to the output tray and a fresh blank takes its place. An unfinished card stays,
 * so a personalizer can wipe it and start again.
 */
final class BlankFeeder implements ReaderSlot {
    private static final byte[] GET_STATUS = {(byte) 0x80, (byte) 0xCA, 0x00, (byte) 0xC2, 0x00};
    private static final int LOCKED = 0x05;
    private static final long SERIAL_RANGE = 10_000_000_000L;

    private final IssuerMasterKey master;
    private final Consumer<String> announce;
    private final SecureRandom random = new SecureRandom();
    private volatile VirtualCard card;

    BlankFeeder(IssuerMasterKey master, Consumer<String> announce) {
        this.master = master;
        this.announce = announce;
        this.card = nextBlank();
    }

    /** A blank with a random serial, so serials of different feeder runs do not collide. */
    VirtualCard nextBlank() {
        return VirtualCard.blank(String.format("VF%010d", Math.floorMod(random.nextLong(), SERIAL_RANGE)), master);
    }

    @Override
    public VirtualCard card() {
        return card;
    }

    @Override
    public void reset() {
        if (issued(card)) {
            String done = card.serial();
            card = nextBlank();
            announce.accept("fed: card " + done + " issued and out; blank " + card.serial() + " in the reader");
        } else {
            card.reset();
        }
    }

    /** Every AP of the card locked (GET DATA status of the personalization channel). */
    private static boolean issued(VirtualCard card) {
        for (CardApplication application : CardApplication.personalizedAtIssuanceAll()) {
            byte[] aid = application.aid();
            card.reset();
            byte[] select = new byte[5 + aid.length];
            select[1] = (byte) 0xA4;
            select[2] = 0x04;
            select[3] = 0x0C;
            select[4] = (byte) aid.length;
            System.arraycopy(aid, 0, select, 5, aid.length);
            if (!ok(card.transmit(select))) {
                return false;
            }
            byte[] status = card.transmit(GET_STATUS);
            if (!ok(status) || status.length < 3 || (status[0] & 0xFF) != LOCKED) {
                return false;
            }
        }
        card.reset();
        return true;
    }

    private static boolean ok(byte[] response) {
        return response.length >= 2 && response[response.length - 2] == (byte) 0x90 && response[response.length - 1] == 0x00;
    }
}
