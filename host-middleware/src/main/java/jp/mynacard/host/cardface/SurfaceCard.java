package jp.mynacard.host.cardface;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.CardCommandException;
import jp.mynacard.host.card.CardResponses;
import jp.mynacard.host.card.SecurityStatusNotSatisfiedException;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.model.card.CardApplication;
import jp.mynacard.model.card.CardFile;
import jp.mynacard.model.card.CardVerifiableCertificate;

/**
 * The card-surface AP (券面事項確認AP, spec §5): the printed card face as images, signed by the
 * centre's card-data signer, for a counter or kiosk to show beside the plastic; the age record
 * behind the birth-date key; and card authentication, which makes the chip prove it is the one
 * the centre issued and not a copy of its data. The card enforces the read conditions (age
 * record: birth-date key; front face: PIN-A or PIN-B; back face: PIN-A); verified PINs last
 * while this session keeps the AP selected.
 */
public final class SurfaceCard implements AutoCloseable {
    static final byte[] AID = CardApplication.SURFACE.aid();
    private static final int SIGNER_CERTIFICATE_FID = CardFile.SURFACE_SIGNER_CERT.fid();
    private static final int CHALLENGE_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApFiles files;

    private SurfaceCard(ApFiles files) {
        this.files = files;
    }

    /** Connects to the card in {@code terminal} and selects the AP. */
    public static SurfaceCard open(CardTerminal terminal) {
        return ApduChannel.open(terminal, SurfaceCard::over);
    }

    /** Selects the AP over a channel someone else opened (which resets the AP's security state). */
    public static SurfaceCard over(ApduChannel channel) {
        return new SurfaceCard(ApFiles.select(channel, AID, "card-surface application"));
    }

    /** Checks the format (and PIN-A's check digit) first, so a mistyped PIN costs no try. */
    public void verifyPin(SurfacePin which, char[] value) {
        files.verify(which.fid(), which.bytes(value), "card-surface " + which.label());
    }

    /** Tries left, read without spending one (VERIFY with no data). */
    public int pinTriesLeft(SurfacePin which) {
        return files.triesLeft(which.fid(), "card-surface " + which.label());
    }

    /** Needs PIN-A or PIN-B verified. */
    public FrontFace frontFace() {
        return FrontFace.parse(files.read(FrontFace.FID, FrontFace.TAG, "front face"));
    }

    /** Needs the birth-date key verified. Check it with {@link AgeRecord#signatureValidFor} before relying on it: see {@link AgeProof}. */
    public AgeRecord ageRecord() {
        return AgeRecord.parse(files.read(AgeRecord.FID, AgeRecord.TAG, "age record"));
    }

    /** Readable without a PIN. */
    public ApInfo apInfo() {
        return ApInfo.parse(files.read(ApInfo.FID, ApInfo.TAG, "AP information"));
    }

    /** The My Number as a PNG (back face); needs PIN-A verified. Not checked here: {@link #verify} checks it. */
    public byte[] myNumberImage() {
        return backFace().myNumberImage();
    }

    /** The centre's card-data signer's card-verifiable certificate (EF 0004), readable without a PIN. */
    public CardVerifiableCertificate signerCertificate() {
        return files.readCardVerifiableCertificate(SIGNER_CERTIFICATE_FID, "signer certificate");
    }

    /**
     * Card authentication, no PIN: the chip signs the SHA-256 DigestInfo of a fresh random
     * challenge with its own key (EF 0017), and the signature must verify with {@code expected}
     * — the key in the front face's DF 24, which the centre's signature covers. The same data
     * copied to another chip fails, since the copy cannot hold the private key.
     *
     * @return false when the chip's signature does not verify with {@code expected}
     */
    public boolean authenticateCard(RSAPublicKey expected) {
        byte[] challenge = new byte[CHALLENGE_LENGTH];
        RANDOM.nextBytes(challenge);
        byte[] digestInfo = DigestAlgorithm.SHA256.digestInfo(DigestAlgorithm.SHA256.digest(challenge));
        // P2 00: the AP's own card-authentication key, no SELECT of EF 0017 first (spec §5, C8)
        byte[] signature = CardResponses.requireSuccess(
                files.channel().transmit(new CommandAPDU(0x80, 0x2A, 0x00, 0x00, digestInfo, 256)),
                "COMPUTE DIGITAL SIGNATURE (card authentication)").getData();
        try {
            Signature verifier = Signature.getInstance(DigestAlgorithm.SHA256.jcaSignatureName());
            verifier.initVerify(expected);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            return false; // garbled signature, or a key the JDK will not use: not this chip either way
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is required of every JDK", e);
        }
    }

    /** {@link #verify(X509Certificate)} trusting whatever signer certificate the card holds. */
    public SurfaceVerification verify() {
        return verify(null);
    }

    /**
     * Proves the face genuine; needs PIN-A or PIN-B verified (PIN-A also checks the back face).
     * Checks DF 28 with the card's signer certificate, makes the chip authenticate with the DF 24
     * key, and, with {@code trustedSigner}, requires the card's signer certificate to be that one:
     * without it a forger could sign with a certificate of its own. Every check runs, so the
     * result names each that failed. The expiry date and security code are never covered.
     */
    public SurfaceVerification verify(X509Certificate trustedSigner) {
        FrontFace face = frontFace();
        CardVerifiableCertificate signer = signerCertificate();
        List<SurfaceVerification.Problem> problems = new ArrayList<>();
        if (!face.signatureValidFor(signer.publicKey())) {
            problems.add(SurfaceVerification.Problem.FRONT_FACE_SIGNATURE_INVALID);
        }
        if (!chipAuthenticates(face.cardAuthenticationKey())) {
            problems.add(SurfaceVerification.Problem.CARD_AUTHENTICATION_FAILED);
        }
        if (trustedSigner != null && !CardDataVerifier.isPinnedSigner(signer, trustedSigner)) {
            problems.add(SurfaceVerification.Problem.UNEXPECTED_SIGNER);
        }
        BackFace back = readableBackFace();
        if (back != null && !back.signatureValidFor(signer.publicKey())) {
            problems.add(SurfaceVerification.Problem.BACK_FACE_SIGNATURE_INVALID);
        }
        return new SurfaceVerification(problems, back != null);
    }

    public ApduChannel channel() {
        return files.channel();
    }

    @Override
    public void close() {
        files.channel().close();
    }

    /** A chip that refuses to sign (no key, unknown command) is not the centre's chip either. */
    private boolean chipAuthenticates(RSAPublicKey key) {
        try {
            return authenticateCard(key);
        } catch (CardCommandException e) {
            return false;
        }
    }

    /** The back face, or null when this session has not verified PIN-A. */
    private BackFace readableBackFace() {
        try {
            return backFace();
        } catch (SecurityStatusNotSatisfiedException e) {
            return null;
        }
    }

    private BackFace backFace() {
        return BackFace.parse(files.read(BackFace.FID, BackFace.TAG, "back face"));
    }
}
