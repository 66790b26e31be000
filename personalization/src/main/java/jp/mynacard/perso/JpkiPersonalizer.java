package jp.mynacard.perso;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.channel.PersonalizationSession;

/**
 * Issues the JPKI AP of a freshly installed card over the secure personalization channel of
 * docs/personalization-commands.md: keys generated on the card, certificates from the centre
 * for those keys, PINs, then the irreversible LOCK. A torn earlier attempt is wiped first.
 */
public final class JpkiPersonalizer implements ApplicationPersonalizer {
    static final byte[] JPKI_AID = CardApplication.JPKI.aid();
    static final int EF_AUTH_CERT = CardFile.JPKI_AUTH_CERT.fid();
    static final int EF_AUTH_CA_CERT = CardFile.JPKI_AUTH_CA_CERT.fid();
    static final int EF_SIGN_CERT = CardFile.JPKI_SIGN_CERT.fid();
    static final int EF_SIGN_CA_CERT = CardFile.JPKI_SIGN_CA_CERT.fid();
    static final int EF_AUTH_KEY = CardFile.JPKI_AUTH_KEY.fid();
    static final int EF_AUTH_PIN = CardFile.JPKI_AUTH_PIN.fid();
    static final int EF_SIGN_KEY = CardFile.JPKI_SIGN_KEY.fid();
    static final int EF_SIGN_PIN = CardFile.JPKI_SIGN_PIN.fid();
    private static final String APPLICATION = "JPKI AP";

    private final ApduChannel channel;
    private final IssuerMasterKey master;

    public JpkiPersonalizer(ApduChannel channel, IssuerMasterKey master) {
        this.channel = channel;
        this.master = master;
    }

    /** Personalizes and locks the JPKI AP; returns what the centre issued. */
    public IssuedCertificates personalize(Holder holder, JpkiPins pins, CertificateIssuer issuer) {
        PersonalizationSession card = PersonalizationSession.forIssuance(channel, master, JPKI_AID, APPLICATION);
        IssuedCertificates issued = writeIn(card, holder, pins, issuer);
        card.lock();
        return issued;
    }

    /** Everything but the LOCK, which {@link #lock()} does later: a whole card is locked AP after AP at the end. */
    public IssuedCertificates write(Holder holder, JpkiPins pins, CertificateIssuer issuer) {
        return writeIn(PersonalizationSession.forIssuance(channel, master, JPKI_AID, APPLICATION), holder, pins, issuer);
    }

    /** LOCK, in a session of its own. */
    @Override
    public String name() {
        return "JPKI";
    }

    @Override
    public Optional<IssuedCertificates> write(CardOrder order) {
        return Optional.of(write(order.holder(), order.pins(), order.issuer()));
    }

    @Override
    public void lock() {
        PersonalizationSession.open(channel, master, JPKI_AID, APPLICATION).lock();
    }

    /** LOCK unless already locked: finishing a card whose LOCKs a pull interrupted. True when LOCK was sent. */
    @Override
    public boolean lockUnlessLocked() {
        return PersonalizationSession.lockUnlessLocked(channel, master, JPKI_AID, APPLICATION);
    }

    private static IssuedCertificates writeIn(PersonalizationSession card, Holder holder, JpkiPins pins, CertificateIssuer issuer) {
        RSAPublicKey authKey = card.generateKeyPair(EF_AUTH_KEY);
        RSAPublicKey signKey = card.generateKeyPair(EF_SIGN_KEY);
        IssuedCertificates issued = issuer.issue(holder, authKey, signKey);
        card.writeFile(EF_AUTH_CERT, issued.authCertificate());
        card.writeFile(EF_AUTH_CA_CERT, issued.authCaCertificate());
        card.writeFile(EF_SIGN_CERT, issued.signCertificate());
        card.writeFile(EF_SIGN_CA_CERT, issued.signCaCertificate());
        card.setPin(EF_AUTH_PIN, ascii(pins.authPin()));
        card.setPin(EF_SIGN_PIN, ascii(pins.signPin()));
        return issued;
    }

    /** The PIN as the card takes it, the char copy wiped. */
    static byte[] ascii(char[] pin) {
        byte[] ascii = new String(pin).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(pin, '\0');
        return ascii;
    }
}
