package jp.mynacard.perso.issuance;

import java.util.Optional;
import java.util.ServiceLoader;
import jp.mynacard.perso.channel.IssuerMasterKey;

/**
 * Where the blanks of a {@code --virtual} batch come from: in-process simulated cards. The card
 * simulator (module card-sim) provides it through {@link ServiceLoader}, so the bureau's tool
 * compiles against no simulator and runs with none when it feeds real readers.
 */
public interface VirtualBlankFactory {
    /** Blanks made for {@code master}, {@code parallelism} personalized at once. */
    BlankSource blanks(IssuerMasterKey master, int parallelism);

    /** The simulator's issuer key, for a virtual batch run without the bureau's own. */
    IssuerMasterKey testIssuerKey();

    /** The simulator on the class path, if there is one. */
    static Optional<VirtualBlankFactory> installed() {
        return ServiceLoader.load(VirtualBlankFactory.class).findFirst();
    }
}
