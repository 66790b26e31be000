package jp.mynacard.host.freearea;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.Scp03Session;
import jp.mynacard.host.card.StatusWords;
import jp.mynacard.model.card.CardApplication;

/**
 * The free-area AP of a My Number card (spec §8, docs/free-area.md) as a tenant sees it: read an
 * open slot by name, or authenticate with the slot's key and read or write it over the tenant
 * channel.
 * <pre>{@code
 * FreeAreaCard card = FreeAreaCard.over(channel);
 * String number = new String(card.readOpen(new SlotName("131016", 0x0101)), US_ASCII);
 * try (TenantSession seal = card.authenticate(new SlotName("131016", 1), key)) {
 *     byte[] registration = seal.read();
 * }
 * }</pre>
 */
public final class FreeAreaCard {
    public static final byte[] AID = CardApplication.FREE_AREA.aid();
    static final int CLA = 0x80;
    static final int INS_INITIALIZE_UPDATE = 0x50;
    static final int P1_TENANT_KEY = 0x01;
    static final int INS_READ = 0xB0;
    static final int SW_NOT_FOUND = 0x6A88;
    static final int SW_AUTHENTICATION_FAILED = 0x6300;
    static final int SW_SECURE_MESSAGING_INCORRECT = 0x6988;
    static final int SW_FULL = 0x6A84;
    private static final int OPEN_READ_CHUNK = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApduChannel channel;

    private FreeAreaCard(ApduChannel channel) {
        this.channel = channel;
    }

    /** Selects the free-area AP over a channel someone else opened. */
    public static FreeAreaCard over(ApduChannel channel) {
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AID));
        if (response.getSW() != StatusWords.SW_NO_ERROR) {
            throw new ApplicationNotFoundException("free-area AP", response.getSW());
        }
        return new FreeAreaCard(channel);
    }

    /** The whole content of an open slot; {@link SlotNotFoundException} when there is none by that name (or it is keyed). */
    public byte[] readOpen(SlotName name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int offset = out.size();
            ResponseAPDU response = channel.transmit(new CommandAPDU(CLA, INS_READ, offset >> 8, offset & 0xFF, name.encoded(), OPEN_READ_CHUNK));
            if (response.getSW() == SW_NOT_FOUND) {
                throw new SlotNotFoundException("no open slot " + name + " on this card", response.getSW());
            }
            if (response.getSW() != StatusWords.SW_NO_ERROR) {
                throw new CardCommandException("READ of open slot " + name, response.getSW());
            }
            out.writeBytes(response.getData());
            if (response.getData().length < OPEN_READ_CHUNK) {
                return out.toByteArray();
            }
        }
    }

    /**
     * Opens the tenant channel to that slot: the card proves it holds the key, then the host.
     * {@link TenantAuthenticationException} for a wrong key and for an absent slot alike.
     */
    public TenantSession authenticate(SlotName name, TenantKey key) {
        byte[] hostChallenge = new byte[Scp03Session.CHALLENGE_LENGTH];
        RANDOM.nextBytes(hostChallenge);
        byte[] data = Arrays.copyOf(name.encoded(), SlotName.LENGTH + hostChallenge.length);
        System.arraycopy(hostChallenge, 0, data, SlotName.LENGTH, hostChallenge.length);
        ResponseAPDU answer = channel.transmit(new CommandAPDU(CLA, INS_INITIALIZE_UPDATE, P1_TENANT_KEY, 0, data, 256));
        if (answer.getSW() != StatusWords.SW_NO_ERROR || answer.getData().length != 2 * Scp03Session.CHALLENGE_LENGTH) {
            throw new CardCommandException("INITIALIZE UPDATE for slot " + name, answer.getSW());
        }
        byte[] card = answer.getData();
        Scp03Session session = Scp03Session.derive(key.secretKey(), hostChallenge,
                Arrays.copyOf(card, Scp03Session.CHALLENGE_LENGTH));
        if (!session.isCardCryptogram(Arrays.copyOfRange(card, Scp03Session.CHALLENGE_LENGTH, card.length))) {
            throw new TenantAuthenticationException("slot " + name + ": wrong tenant key, or no such slot on this card", SW_AUTHENTICATION_FAILED);
        }
        ResponseAPDU authenticated = channel.transmit(session.externalAuthenticate());
        if (authenticated.getSW() == SW_AUTHENTICATION_FAILED) {
            throw new TenantAuthenticationException("slot " + name + ": the card refused the host cryptogram", authenticated.getSW());
        }
        if (authenticated.getSW() != StatusWords.SW_NO_ERROR) {
            throw new CardCommandException("EXTERNAL AUTHENTICATE for slot " + name, authenticated.getSW());
        }
        return new TenantSession(channel, session, name);
    }
}
