package jp.mynacard.applet;

import javacard.framework.JCSystem;
import javacard.security.RandomData;
import javacardx.crypto.Cipher;

/**
 * The package's RAM and crypto engines, made once by the first applet installed and used by all
 * (docs/applets.md, "RAM"): the scratch buffer, the RSA and AES engines, the CMAC, the random
 * source and the secure sessions' working block. A chip gives all its applets 2–4 KB of RAM, so
 * none gets buffers of its own.
 *
 * <p>Sharing is safe because at most one applet of the package is ever selected: none is
 * {@code MultiSelectable}, so the runtime refuses a second one of the package on another logical
 * channel (the card offers no MANAGE CHANNEL anyway: CLA 01–03 reach the basic channel's
 * application, spec C10), and nothing here holds state from one command to the next — every user
 * fills what it reads, and initializes an engine with its own key before each use.
 */
final class SharedWorkspace {
    /** Signature input, public-key templates, a whole secured command with its MAC. */
    static final short SCRATCH_LENGTH = 512;
    /** SCP03 key derivation data (32 bytes), the ICV and a MAC being compared. */
    static final short SESSION_WORK_LENGTH = 32;

    private static SharedWorkspace installed;

    final byte[] scratch;
    final byte[] sessionWork;
    final Cipher rsaPkcs1;
    final Cipher aesCbc;
    final AesCmac cmac;
    final RandomData random;

    private SharedWorkspace() {
        scratch = JCSystem.makeTransientByteArray(SCRATCH_LENGTH, JCSystem.CLEAR_ON_DESELECT);
        sessionWork = JCSystem.makeTransientByteArray(SESSION_WORK_LENGTH, JCSystem.CLEAR_ON_DESELECT);
        rsaPkcs1 = Cipher.getInstance(Cipher.ALG_RSA_PKCS1, false);
        aesCbc = Cipher.getInstance(Cipher.ALG_AES_BLOCK_128_CBC_NOPAD, false);
        cmac = new AesCmac();
        random = RandomData.getInstance(RandomData.ALG_SECURE_RANDOM);
    }

    /**
     * The package's workspace, made by the first applet installed. The check of the scratch
     * buffer's transience never fails on a chip; a simulator running several cards in one JVM
     * shares this static field between them, and there each card gets a workspace of its own
     * runtime (whose deselection clears it) instead of another card's.
     */
    static SharedWorkspace get() {
        SharedWorkspace workspace = installed;
        if (workspace == null || JCSystem.isTransient(workspace.scratch) != JCSystem.CLEAR_ON_DESELECT) {
            workspace = new SharedWorkspace();
            installed = workspace;
        }
        return workspace;
    }
}
