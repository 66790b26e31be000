package jp.mynacard.applet;

import javacard.framework.APDU;
import javacard.framework.APDUException;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacardx.apdu.ExtendedLength;
import javacardx.crypto.Cipher;

/**
 * What every application of the card answers (spec §2): SELECT EF, READ BINARY, VERIFY,
 * CHANGE REFERENCE DATA and COMPUTE DIGITAL SIGNATURE over a flat set of EFs, plus the
 * personalization commands, which exist only inside the secure channel
 * (docs/personalization-commands.md). A subclass declares its EFs, PINs and keys, which of them
 * personalization writes, which a counter may renew after LOCK and what "complete" means.
 *
 * <p>State: EF contents, PINs, keys and the life cycle are persistent; which EF is selected
 * and which PINs are verified are transient and cleared on reset and on (re)selection.
 */
public abstract class FileSystemApplet extends Applet implements ExtendedLength {
    static final byte CLA_ISO = 0x00;
    static final byte CLA_PROPRIETARY = (byte) 0x80;
    /** Proprietary class with the secure-messaging bit: the personalization channel. */
    static final byte CLA_SECURED = (byte) 0x84;

    static final byte INS_SELECT = (byte) 0xA4;
    static final byte INS_READ_BINARY = (byte) 0xB0;
    static final byte INS_VERIFY = 0x20;
    static final byte INS_CHANGE_REFERENCE_DATA = 0x24;
    static final byte INS_COMPUTE_DIGITAL_SIGNATURE = 0x2A;
    static final byte INS_GENERATE_KEY_PAIR = 0x46;
    static final byte INS_UPDATE_BINARY = (byte) 0xD6;
    static final byte INS_SET_PIN = 0x2C;
    static final byte INS_LOCK = 0x44;
    static final byte INS_WIPE = 0x0E;
    static final byte INS_GET_DATA = (byte) 0xCA;
    static final byte TAG_CARD_SERIAL = (byte) 0xC1;
    static final byte TAG_PERSONALIZATION_STATUS = (byte) 0xC2;
    /** GET DATA C2 to anyone but the issuer once LOCKed: the life cycle byte alone. */
    static final short LIFE_CYCLE_ONLY = 1;

    static final byte P1_SELECT_BY_DF_NAME = 0x04;
    static final byte P1_SELECT_EF = 0x02;
    static final byte P2_RETURN_FCI = 0x00;
    static final byte P2_NO_RESPONSE_DATA = 0x0C;
    static final byte P2_SPECIFIC_REFERENCE = (byte) 0x80;
    /** COMPUTE DIGITAL SIGNATURE P2: 80 the selected key EF, 80|SFI the key EF that short id names, 00 the AP's own key. */
    static final byte P2_KEY_REFERENCE_MASK = (byte) 0xE0;
    static final byte P2_SHORT_EF_ID_MASK = 0x1F;
    static final byte P2_APPLICATION_KEY = 0x00;
    /** ISO 7816-4 §5.4.1: the two low bits of an interindustry CLA name the logical channel. */
    static final byte CLA_CHANNEL_MASK = 0x03;
    static final byte P1_CHANGE_NEW_DATA_ONLY = 0x01;
    static final byte P1_SET_NEW_DATA_ONLY = 0x02;
    static final short FID_LENGTH = 2;
    /** READ BINARY and UPDATE BINARY offsets are 15 bits: P1 bit 8 would mean a short EF id. */
    static final byte P1_SHORT_EF_FLAG = (byte) 0x80;

    static final short SW_VERIFICATION_FAILED = 0x63C0;
    static final short SW_COMMAND_INCOMPATIBLE_WITH_FILE = 0x6981;
    /** VERIFY or CHANGE REFERENCE DATA of a blocked PIN, as the real card answers (spec §2, C6). */
    static final short SW_REFERENCE_DATA_NOT_USABLE = 0x6984;
    static final short SW_NOT_ENOUGH_SPACE_IN_FILE = 0x6A84;
    static final short SW_REFERENCED_DATA_NOT_FOUND = 0x6A88;

    /** ISO 7816-9 life cycle states: personalization until LOCK, then operational for good. */
    static final byte LCS_INITIALISATION = 0x03;
    /** A counter is renewing a key or file after LOCK: unusable until its LOCK. */
    static final byte LCS_OPERATIONAL_DEACTIVATED = 0x04;
    static final byte LCS_OPERATIONAL_ACTIVATED = 0x05;

    /** Largest response we build: extended Le 0000 asks for "as much as there is". */
    static final short MAX_RESPONSE_LENGTH = 0x7FFF;
    private static final short SCRATCH_LENGTH = SharedWorkspace.SCRATCH_LENGTH;
    static final short NO_EF = 0;

    private byte lifeCycle = LCS_INITIALISATION;
    private final short[] selectedFid;
    /** Signature input and public-key templates: never assembled in the APDU buffer they come from; the package's one. */
    private final byte[] scratch;
    private final Cipher rsaPkcs1;
    private final PersonalizationChannel channel;

    /** @param install the install data: the card serial and per-card key the factory put there */
    protected FileSystemApplet(byte[] install, short offset, byte length) {
        SharedWorkspace workspace = SharedWorkspace.get();
        channel = new PersonalizationChannel(install, offset, length, workspace);
        selectedFid = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
        scratch = workspace.scratch;
        rsaPkcs1 = workspace.rsaPkcs1;
    }

    /** What the factory put after the card key in the install data (0 when nothing): see JpkiApplet's token forms. */
    final byte installOption() {
        return channel.installOption();
    }

    /** The EF, PIN or key with this FID, or null when the application has none. */
    abstract CardFile findFile(short fid);

    /** The PINs of this application, whose verification selection clears. */
    abstract PinFile[] pins();

    /** Whether every key, PIN and mandatory EF has been personalized, so LOCK may proceed. */
    abstract boolean isPersonalized();

    /** The FIDs personalization writes: reported by GET DATA, cleared by WIPE. */
    abstract short[] personalizedFids();

    /** Whether a counter may regenerate or rewrite this key or EF after LOCK (an address change). */
    abstract boolean isRenewable(short fid);

    /**
     * The EF holding the certificate of this key, or {@link #NO_EF}: a new key empties it, so that
     * LOCK waits for the new key's certificate and never pairs the new key with the old one.
     */
    short certificateOf(short keyFid) {
        return NO_EF;
    }

    /**
     * The key COMPUTE DIGITAL SIGNATURE uses with P2 00, without a key EF selected: none by
     * default (6A86); the card-surface AP's card-authentication key, which anyone may ask to sign.
     */
    KeyFile applicationKey() {
        return null;
    }

    /** After personalization wrote, generated or wiped a file: an application derives what depends on it. */
    void filesChanged() {
    }

    public boolean select() {
        clearSecurityState();
        return true;
    }

    public void deselect() {
        clearSecurityState();
    }

    private void clearSecurityState() {
        channel.close();
        selectedFid[0] = NO_EF;
        PinFile[] pins = pins();
        for (short i = 0; i < pins.length; i++) {
            pins[i].clearVerification();
        }
    }

    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buffer = apdu.getBuffer();
        // a command on logical channel 1-3 works as on the basic channel; the runtime routes it here
        byte cla = (byte) (buffer[ISO7816.OFFSET_CLA] & ~CLA_CHANNEL_MASK);
        if (cla != CLA_ISO && cla != CLA_PROPRIETARY && cla != CLA_SECURED) {
            ISOException.throwIt(ISO7816.SW_CLA_NOT_SUPPORTED);
        }
        try {
            if (cla == CLA_SECURED) {
                secured(apdu);
            } else {
                dispatch(apdu, cla, buffer[ISO7816.OFFSET_INS]);
            }
        } catch (APDUException e) {
            // the runtime refused the APDU's framing (Lc/Le inconsistent with the command)
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
    }

    private void dispatch(APDU apdu, byte cla, byte ins) {
        if (cla == CLA_PROPRIETARY) {
            // the channel's two clear-text commands; ISO class 00 does not have them
            if (ins == INS_GET_DATA) {
                getData(apdu);
                return;
            }
            if (ins == PersonalizationChannel.INS_INITIALIZE_UPDATE) {
                channel.initializeUpdate(apdu);
                return;
            }
        }
        switch (ins) {
            case INS_SELECT: selectFile(apdu); return;
            case INS_READ_BINARY: readBinary(apdu); return;
            case INS_VERIFY: verify(apdu); return;
            case INS_CHANGE_REFERENCE_DATA: changeReferenceData(apdu); return;
            case INS_COMPUTE_DIGITAL_SIGNATURE: computeDigitalSignature(apdu); return;
            default: ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    // ---- spec §2: commands every application answers ----

    /** SELECT: by AID only reaches us when no application has it; by FID selects one of our EFs. */
    private void selectFile(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        byte p1 = buffer[ISO7816.OFFSET_P1];
        byte p2 = buffer[ISO7816.OFFSET_P2];
        if (p2 != P2_NO_RESPONSE_DATA && p2 != P2_RETURN_FCI) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (p1 == P1_SELECT_BY_DF_NAME) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        if (p1 != P1_SELECT_EF) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (apdu.setIncomingAndReceive() != FID_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short fid = Util.getShort(buffer, apdu.getOffsetCdata());
        if (fid == NO_EF || findFile(fid) == null) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        selectedFid[0] = fid;
    }

    private void readBinary(APDU apdu) {
        short offset = offsetFromP1P2(apdu.getBuffer());
        ElementaryFile ef = selectedElementaryFile();
        if (!ef.isReadable()) {
            ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
        if (!ef.isComplete()) {
            // a counter is rewriting it, or a tear cut the rewrite short: never part of a file
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (offset >= ef.size()) {
            ISOException.throwIt(ISO7816.SW_WRONG_P1P2);
        }
        short length = expectedLength(apdu);
        short remaining = (short) (ef.size() - offset);
        if (length > remaining) {
            length = remaining;
        }
        apdu.setOutgoingLength(length);
        apdu.sendBytesLong(ef.content(), offset, length);
    }

    private void verify(APDU apdu) {
        requireP1P2(apdu.getBuffer(), (byte) 0x00, P2_SPECIFIC_REFERENCE);
        PinFile pin = selectedPinFile();
        short length = apdu.setIncomingAndReceive();
        if (length == 0) {
            // a tries query: OpenSC fails on any SW1 but 63, so never 9000 here
            throwTriesLeft(pin);
        }
        requireOperational();
        if (pin.isBlocked()) {
            ISOException.throwIt(SW_REFERENCE_DATA_NOT_USABLE);
        }
        short offset = apdu.getOffsetCdata();
        if (!pin.isWellFormed(apdu.getBuffer(), offset, length)) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        if (!pin.check(apdu.getBuffer(), offset, length)) {
            throwTriesLeft(pin);
        }
    }

    private void changeReferenceData(APDU apdu) {
        requireP1P2(apdu.getBuffer(), P1_CHANGE_NEW_DATA_ONLY, P2_SPECIFIC_REFERENCE);
        PinFile pin = selectedPinFile();
        short length = apdu.setIncomingAndReceive();
        requireOperational();
        if (!pin.isHolderChangeable()) {
            // derived from the printed card face: only a counter (personalization channel) sets it
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        if (pin.isBlocked()) {
            ISOException.throwIt(SW_REFERENCE_DATA_NOT_USABLE);
        }
        if (!pin.isValidated()) {
            ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
        short offset = apdu.getOffsetCdata();
        if (!pin.isWellFormed(apdu.getBuffer(), offset, length)) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        pin.update(apdu.getBuffer(), offset, length);
    }

    private void computeDigitalSignature(APDU apdu) {
        KeyFile key = signingKey(apdu.getBuffer());
        short length = receiveAll(apdu);
        requireOperational();
        if (!key.isUsable()) {
            ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
        if (length == 0 || length > KeyFile.MAX_DIGEST_INFO_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short signatureLength = key.sign(rsaPkcs1, scratch, (short) 0, length, apdu.getBuffer(), (short) 0);
        apdu.setOutgoingAndSend((short) 0, signatureLength);
    }

    /**
     * The key a COMPUTE DIGITAL SIGNATURE names (P1 00: PKCS#1 v1.5 over a DigestInfo, the only
     * operation): P2 80 the selected key EF, 80|SFI the key EF of that short id (80 17, 80 1A
     * become 97, 9A), 00 the application's own key; anything else 6A86.
     */
    private KeyFile signingKey(byte[] buffer) {
        byte p2 = buffer[ISO7816.OFFSET_P2];
        if (buffer[ISO7816.OFFSET_P1] != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (p2 == P2_SPECIFIC_REFERENCE) {
            return selectedKeyFile();
        }
        if (p2 == P2_APPLICATION_KEY && applicationKey() != null) {
            return applicationKey();
        }
        if ((p2 & P2_KEY_REFERENCE_MASK) != P2_SPECIFIC_REFERENCE) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        CardFile file = findFile((short) (p2 & P2_SHORT_EF_ID_MASK));
        if (file == null) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        return file.asKeyFile();
    }

    // ---- the secure personalization channel (docs/personalization-commands.md) ----

    private void getData(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        if (buffer[ISO7816.OFFSET_P1] != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short length;
        switch (buffer[ISO7816.OFFSET_P2]) {
            case TAG_CARD_SERIAL:
                length = channel.writeSerial(scratch, (short) 0);
                break;
            case TAG_PERSONALIZATION_STATUS:
                length = writeStatus(scratch);
                break;
            default:
                ISOException.throwIt(SW_REFERENCED_DATA_NOT_FOUND);
                return;
        }
        apdu.setOutgoing();
        apdu.setOutgoingLength(length);
        apdu.sendBytesLong(scratch, (short) 0, length);
    }

    /**
     * Life cycle; then, for the issuer only, authentication tries left and FID and done (01) or not
     * (00) of each personalized file. A stranger holding an issued card learns whether it is
     * issued and nothing of attacks on its channel or of a renewal's progress.
     */
    private short writeStatus(byte[] out) {
        out[0] = lifeCycle;
        if (!isStatusDisclosed()) {
            return LIFE_CYCLE_ONLY;
        }
        out[1] = channel.triesRemaining();
        short at = 2;
        short[] fids = personalizedFids();
        for (short i = 0; i < fids.length; i++) {
            at = Util.setShort(out, at, fids[i]);
            out[at++] = findFile(fids[i]).isPersonalized() ? (byte) 1 : (byte) 0;
        }
        return at;
    }

    /** Before LOCK the card is still at the bureau, which sorts blanks by it; after LOCK, to an authenticated issuer only. */
    private boolean isStatusDisclosed() {
        return lifeCycle == LCS_INITIALISATION || channel.isOpen();
    }

    /** Every CLA 84 command: MAC checked and data decrypted first, so both sides' chains stay in step. */
    private void secured(APDU apdu) {
        short length = receiveCommand(apdu);
        byte ins = scratch[ISO7816.OFFSET_INS];
        if (ins == PersonalizationChannel.INS_EXTERNAL_AUTHENTICATE) {
            channel.externalAuthenticate(scratch, length);
            return;
        }
        short responseLength = 0;
        try {
            short plainLength = channel.unwrap(scratch, length);
            short fid = Util.getShort(scratch, ISO7816.OFFSET_P1);
            switch (ins) {
                case INS_GENERATE_KEY_PAIR: responseLength = generateKeyPair(fid); break;
                case INS_UPDATE_BINARY: updateBinary(fid, plainLength); break;
                case INS_SET_PIN: setPin(fid, plainLength); break;
                case INS_LOCK: lock(fid, plainLength); break;
                case INS_WIPE: wipe(fid, plainLength); break;
                default: ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
            }
        } finally {
            // the plaintext may be a PIN or a My Number: it does not outlive the command
            Util.arrayFillNonAtomic(scratch, responseLength, (short) (SCRATCH_LENGTH - responseLength), (byte) 0);
        }
        responseLength = channel.wrapResponse(scratch, (short) 0, responseLength);
        apdu.setOutgoing();
        apdu.setOutgoingLength(responseLength);
        apdu.sendBytesLong(scratch, (short) 0, responseLength);
    }

    /**
     * Before LOCK every key; after it only the ones a counter renews, which suspends the card until
     * LOCK. The old certificate is emptied before the key changes: a tear between the two leaves the
     * old key without a certificate, which LOCK refuses, never a new key beside the old certificate.
     */
    private short generateKeyPair(short fid) {
        KeyFile key = requireWritable(fid).asKeyFile();
        suspendIfOperational();
        short certificate = certificateOf(fid);
        if (certificate != NO_EF) {
            findFile(certificate).clear();
            filesChanged();
        }
        key.generate();
        filesChanged();
        return key.writePublicKeyTemplate(scratch, (short) 0);
    }

    /** Plaintext: offset (2 bytes), content; the EF's size becomes offset + content length. */
    private void updateBinary(short fid, short plainLength) {
        ElementaryFile ef = requireWritable(fid).asElementaryFile();
        if (plainLength <= 2) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short offset = Util.getShort(scratch, ISO7816.OFFSET_CDATA);
        if (offset < 0) {
            ISOException.throwIt(ISO7816.SW_WRONG_P1P2);
        }
        short length = (short) (plainLength - 2);
        if (offset > ef.capacity() || length > (short) (ef.capacity() - offset)) {
            ISOException.throwIt(SW_NOT_ENOUGH_SPACE_IN_FILE);
        }
        if (lifeCycle != LCS_INITIALISATION && !ef.rewrite(offset)) {
            // after LOCK a file is rewritten whole, from 0 upwards in one session (a torn rewrite starts again)
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        suspendIfOperational();
        ef.writeChunk(offset, scratch, (short) (ISO7816.OFFSET_CDATA + 2), length);
        ef.setSize((short) (offset + length));
        filesChanged();
    }

    /** Sets any PIN and restores its try counter: at issuance, and after LOCK as the counter's PIN reset. */
    private void setPin(short fid, short plainLength) {
        CardFile file = fid == NO_EF ? null : findFile(fid);
        if (file == null) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        PinFile pin = file.asPinFile();
        if (!pin.isWellFormed(scratch, ISO7816.OFFSET_CDATA, plainLength)) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        pin.update(scratch, ISO7816.OFFSET_CDATA, plainLength);
    }

    /**
     * Ends personalization, or a counter's key or file renewal: refused unless everything is in
     * place and no rewrite was torn. One update on a chip; ordered so that a tear inside it
     * anywhere leaves the rewritten files whole and the AP still suspended (life cycle last).
     */
    private void lock(short p1p2, short plainLength) {
        requireNoParameters(p1p2, plainLength);
        if (lifeCycle == LCS_OPERATIONAL_ACTIVATED || !isPersonalized() || hasTornFile()) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        JCSystem.beginTransaction();
        short[] fids = personalizedFids();
        for (short i = 0; i < fids.length; i++) {
            findFile(fids[i]).completeRewrite();
        }
        filesChanged();
        TearPoints.beforeWrite();
        lifeCycle = LCS_OPERATIONAL_ACTIVATED;
        JCSystem.commitTransaction();
    }

    private boolean hasTornFile() {
        short[] fids = personalizedFids();
        for (short i = 0; i < fids.length; i++) {
            if (findFile(fids[i]).isTorn()) {
                return true;
            }
        }
        return false;
    }

    /** Before LOCK only: back to blank, so a torn personalization is redone, never finished half-way. */
    private void wipe(short p1p2, short plainLength) {
        requireNoParameters(p1p2, plainLength);
        requirePersonalization();
        short[] fids = personalizedFids();
        for (short i = 0; i < fids.length; i++) {
            findFile(fids[i]).clear();
        }
        filesChanged();
    }

    /** The file, if personalization may write it now: any before LOCK, a renewable one after. */
    private CardFile requireWritable(short fid) {
        CardFile file = fid == NO_EF ? null : findFile(fid);
        if (file == null) {
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        if (lifeCycle != LCS_INITIALISATION && !isRenewable(fid)) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        return file;
    }

    /** A counter renewing a key or file: PINs and keys stay unusable until its LOCK. */
    private void suspendIfOperational() {
        if (lifeCycle == LCS_OPERATIONAL_ACTIVATED) {
            TearPoints.beforeWrite();
            lifeCycle = LCS_OPERATIONAL_DEACTIVATED;
        }
    }

    private static void requireNoParameters(short p1p2, short plainLength) {
        if (p1p2 != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        if (plainLength != 0) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
    }

    /**
     * Receives a whole command into scratch as the channel reads it: header at 0..3, data from
     * {@link ISO7816#OFFSET_CDATA} whether Lc was short or extended; returns the data length.
     */
    private short receiveCommand(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        Util.arrayCopyNonAtomic(buffer, (short) 0, scratch, (short) 0, (short) 4);
        short received = apdu.setIncomingAndReceive();
        short total = apdu.getIncomingLength();
        if (total > (short) (SCRATCH_LENGTH - ISO7816.OFFSET_CDATA - PersonalizationChannel.MAC_LENGTH)) {
            channel.close();
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short dataOffset = apdu.getOffsetCdata();
        short at = ISO7816.OFFSET_CDATA;
        while (received > 0) {
            Util.arrayCopyNonAtomic(buffer, dataOffset, scratch, at, received);
            at += received;
            received = apdu.receiveBytes(dataOffset);
        }
        return (short) (at - ISO7816.OFFSET_CDATA);
    }

    // ---- preconditions, each failing with one status word ----

    private void requireOperational() {
        if (lifeCycle != LCS_OPERATIONAL_ACTIVATED) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
    }

    private void requirePersonalization() {
        if (lifeCycle != LCS_INITIALISATION) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
    }

    private static void requireP1P2(byte[] buffer, byte p1, byte p2) {
        if (buffer[ISO7816.OFFSET_P1] != p1 || buffer[ISO7816.OFFSET_P2] != p2) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
    }

    private static short offsetFromP1P2(byte[] buffer) {
        if ((buffer[ISO7816.OFFSET_P1] & P1_SHORT_EF_FLAG) != 0) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        return Util.getShort(buffer, ISO7816.OFFSET_P1);
    }

    private CardFile selectedFile() {
        CardFile file = selectedFid[0] == NO_EF ? null : findFile(selectedFid[0]);
        if (file == null) {
            ISOException.throwIt(ISO7816.SW_COMMAND_NOT_ALLOWED);
        }
        return file;
    }

    private ElementaryFile selectedElementaryFile() {
        return selectedFile().asElementaryFile();
    }

    private PinFile selectedPinFile() {
        return selectedFile().asPinFile();
    }

    private KeyFile selectedKeyFile() {
        return selectedFile().asKeyFile();
    }

    private static void throwTriesLeft(PinFile pin) {
        ISOException.throwIt((short) (SW_VERIFICATION_FAILED | pin.triesRemaining()));
    }

    /**
     * Ne of the command. A chip answers 32767 for an extended Le of 0000; jcardsim answers 0,
     * as it does when Le is absent: both mean "everything there is".
     */
    private static short expectedLength(APDU apdu) {
        short ne = apdu.setOutgoing();
        return ne <= 0 ? MAX_RESPONSE_LENGTH : ne;
    }

    /** Receives the whole command data into scratch (it may arrive in several blocks); returns Lc. */
    private short receiveAll(APDU apdu) {
        short received = apdu.setIncomingAndReceive();
        short total = apdu.getIncomingLength();
        if (total > SCRATCH_LENGTH) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short dataOffset = apdu.getOffsetCdata();
        short at = 0;
        while (received > 0) {
            Util.arrayCopyNonAtomic(apdu.getBuffer(), dataOffset, scratch, at, received);
            at += received;
            received = apdu.receiveBytes(dataOffset);
        }
        return at;
    }
}
