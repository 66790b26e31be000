package jp.mynacard.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;

/**
 * A tenant's secure channel to its own slot (docs/free-area.md): the same SCP03-like session as
 * the personalization channel, keyed by the slot's AES-128 key. The slot named in INITIALIZE
 * UPDATE is the only one the session can touch. A name with no slot behind it gets a session
 * under a card-held decoy key that nobody knows: the answer looks like any other, and the host's
 * cryptogram check fails exactly as with a wrong key, so a tenant cannot learn which slots exist.
 * No try counter: AES-128 keys are not guessed, and a counter would let anyone lock a tenant
 * out and tell an existing slot from an absent one.
 */
final class TenantChannel {
    private final TenantSlots slots;
    private final SecureSession session;
    private final AESKey decoyKey;
    /** [0]: the slot of the session, or NONE for a decoy session */
    private final short[] slot;

    TenantChannel(TenantSlots slots, SharedWorkspace workspace) {
        this.slots = slots;
        session = new SecureSession(workspace);
        decoyKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        // the key material passes through RAM only, and through no buffer of its own
        byte[] material = workspace.scratch;
        workspace.random.generateData(material, (short) 0, SecureSession.KEY_LENGTH);
        decoyKey.setKey(material, (short) 0);
        // the key object keeps it; the shared scratch would otherwise hold it until its next use
        Util.arrayFillNonAtomic(material, (short) 0, SecureSession.KEY_LENGTH, (byte) 0);
        slot = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    }

    boolean isInitialized() {
        return session.isInitialized();
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void close() {
        session.close();
        slot[0] = TenantSlots.NONE;
    }

    /** {@code 80 50 01 00 10 <slot name (8)> <host challenge (8)>}: card challenge and card cryptogram. */
    void initializeUpdate(APDU apdu) {
        close();
        byte[] buffer = apdu.getBuffer();
        if (buffer[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (apdu.setIncomingAndReceive() != (short) (TenantSlots.NAME_LENGTH + SecureSession.CHALLENGE_LENGTH)) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short data = apdu.getOffsetCdata();
        short found = slots.find(buffer, data);
        AESKey key = found == TenantSlots.NONE ? decoyKey : slots.key(found);
        session.initialize(key, buffer, (short) (data + TenantSlots.NAME_LENGTH), buffer, (short) 0);
        slot[0] = found;
        apdu.setOutgoingAndSend((short) 0, (short) (SecureSession.CHALLENGE_LENGTH + SecureSession.CRYPTOGRAM_LENGTH));
    }

    /** {@code 84 82 00 00 10 <host cryptogram> <C-MAC>}: 6300 for a wrong key and for a decoy session alike. */
    void externalAuthenticate(byte[] command, short length) {
        if (length != (short) (SecureSession.CRYPTOGRAM_LENGTH + SecureSession.MAC_LENGTH)) {
            close();
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        boolean authenticated = session.authenticateHost(command);
        if (!authenticated || slot[0] == TenantSlots.NONE) {
            close();
            ISOException.throwIt(SecureSession.SW_AUTHENTICATION_FAILED);
        }
    }

    /** The slot this session was opened for; only valid once {@link #isOpen()}. */
    short slot() {
        return slot[0];
    }

    short unwrap(byte[] command, short length) {
        return session.unwrap(command, length);
    }

    short wrapResponse(byte[] data, short offset, short length) {
        return session.wrapResponse(data, offset, length);
    }

    short encryptAndWrapResponse(byte[] data, short offset, short length) {
        return session.encryptAndWrapResponse(data, offset, length);
    }
}
