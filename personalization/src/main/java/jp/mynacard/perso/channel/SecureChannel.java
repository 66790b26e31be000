package jp.mynacard.perso.channel;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.Scp03Session;
import jp.mynacard.host.card.StatusWords;

/**
 * The host's end of the secure personalization channel to the selected AP
 * (docs/personalization-commands.md): mutual authentication with the card key diversified from
 * the issuer master key and the card's serial, then every command MACed over the chain and a
 * counter, its data AES-CBC encrypted, and every 9000 answer's R-MAC checked. The session's
 * cryptography is {@link Scp03Session}'s, the same as a free-area tenant's.
 */
public final class SecureChannel {
    static final int CLA_PROPRIETARY = 0x80;
    static final int CLA_SECURED = Scp03Session.CLA_SECURED;
    static final int INS_GET_DATA = 0xCA;
    static final int TAG_CARD_SERIAL = 0xC1;
    static final int TAG_PERSONALIZATION_STATUS = 0xC2;
    static final int INS_INITIALIZE_UPDATE = 0x50;
    static final int CHALLENGE_LENGTH = Scp03Session.CHALLENGE_LENGTH;
    static final int MAC_LENGTH = Scp03Session.MAC_LENGTH;
    static final int SW_AUTHENTICATION_FAILED = 0x6300;
    static final int SW_AUTHENTICATION_BLOCKED = 0x6983;
    static final int SW_SECURE_MESSAGING_INCORRECT = 0x6988;
    static final int SW_SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    private static final int SHORT_LE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApduChannel channel;
    private final Scp03Session session;
    private final byte[] cardSerial;
    private boolean open = true;

    private SecureChannel(ApduChannel channel, Scp03Session session, byte[] cardSerial) {
        this.channel = channel;
        this.session = session;
        this.cardSerial = cardSerial;
    }

    /** The selected AP's card serial (GET DATA C1, no authentication needed). */
    public static byte[] readSerial(ApduChannel channel) {
        return getData(channel, TAG_CARD_SERIAL, "card serial");
    }

    /** The selected AP's life cycle and which of its files are personalized (GET DATA C2). */
    public static PersonalizationStatus readStatus(ApduChannel channel) {
        return PersonalizationStatus.decode(getData(channel, TAG_PERSONALIZATION_STATUS, "personalization status"));
    }

    private static byte[] getData(ApduChannel channel, int tag, String what) {
        ResponseAPDU response = channel.transmit(new CommandAPDU(CLA_PROPRIETARY, INS_GET_DATA, 0x00, tag, SHORT_LE));
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("GET DATA " + what, response.getSW());
        }
        return response.getData();
    }

    /**
     * Authenticates to the AP selected on {@code channel}: the card proves it holds the key
     * diversified from {@code master} for its serial, then the host proves the same.
     */
    public static SecureChannel open(ApduChannel channel, IssuerMasterKey master) {
        byte[] serial = readSerial(channel);
        CardKey cardKey = master.diversify(serial);
        byte[] hostChallenge = new byte[CHALLENGE_LENGTH];
        RANDOM.nextBytes(hostChallenge);
        ResponseAPDU answer = channel.transmit(new CommandAPDU(CLA_PROPRIETARY, INS_INITIALIZE_UPDATE, 0, 0, hostChallenge, SHORT_LE));
        if (answer.getSW() == SW_AUTHENTICATION_BLOCKED) {
            // the card counts failures per power-up only: a reset (remove and reinsert) opens it again
            throw new SecureChannelException("the card's personalization channel is shut after too many failed authentications"
                    + " since the card was powered up: reset the card (remove and reinsert it) and try again");
        }
        if (answer.getSW() != StatusWords.SW_NO_ERROR || answer.getData().length != 2 * CHALLENGE_LENGTH) {
            throw new CardCommandException("INITIALIZE UPDATE", answer.getSW());
        }
        byte[] data = answer.getData();
        Scp03Session session = Scp03Session.derive(cardKey.key(), hostChallenge, Arrays.copyOf(data, CHALLENGE_LENGTH));
        if (!session.isCardCryptogram(Arrays.copyOfRange(data, CHALLENGE_LENGTH, 2 * CHALLENGE_LENGTH))) {
            throw new SecureChannelException("the card's cryptogram does not match: it does not hold this issuer's key for its serial");
        }
        ResponseAPDU authenticated = channel.transmit(session.externalAuthenticate());
        if (authenticated.getSW() == SW_AUTHENTICATION_FAILED) {
            throw new SecureChannelException("the card refused the host cryptogram");
        }
        if (authenticated.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("EXTERNAL AUTHENTICATE", authenticated.getSW());
        }
        return new SecureChannel(channel, session, serial);
    }

    /** The serial of the card this channel was opened to (its key is diversified from it). */
    public byte[] cardSerial() {
        return cardSerial.clone();
    }

    /**
     * Wraps, sends and unwraps one command given in its plain form ({@code 80 INS P1 P2 data}):
     * a 9000 answer comes back with its R-MAC checked and removed; any other is returned as is.
     */
    public ResponseAPDU transmit(CommandAPDU plain) {
        ResponseAPDU response = channel.transmit(wrap(plain));
        int sw = response.getSW();
        if (sw == SW_SECURE_MESSAGING_INCORRECT || sw == SW_SECURITY_STATUS_NOT_SATISFIED) {
            open = false;
        }
        if (sw != StatusWords.SW_NO_ERROR) {
            return response;
        }
        byte[] body = session.unwrap(response, false);
        if (body == null) {
            open = false;
            throw new SecureChannelException("the card's answer lacks its R-MAC or has a wrong one: it was altered on the way");
        }
        byte[] answer = Arrays.copyOf(body, body.length + 2);
        answer[body.length] = (byte) 0x90;
        return new ResponseAPDU(answer);
    }

    /**
     * The wire form of the next command: CLA 84, data = AES-CBC(S-ENC, ICV = AES(S-ENC, counter),
     * data || 80 00..) || C-MAC. Advances the chain and counter, as sending it would; exposed so
     * tests can show that a command sent out of turn is refused.
     */
    public CommandAPDU wrap(CommandAPDU plain) {
        if (!open) {
            throw new IllegalStateException("the secure channel was closed by an error; open a new one");
        }
        return session.wrap(plain);
    }

    public boolean isOpen() {
        return open;
    }
}
