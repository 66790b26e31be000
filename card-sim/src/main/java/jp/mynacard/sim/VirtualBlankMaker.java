package jp.mynacard.sim;

import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.issuance.BlankSource;
import jp.mynacard.perso.issuance.VirtualBlankFactory;

/** The simulator's {@link VirtualBlankFactory}: {@code perso issue --virtual} finds it through ServiceLoader. */
public final class VirtualBlankMaker implements VirtualBlankFactory {
    @Override
    public BlankSource blanks(IssuerMasterKey master, int parallelism) {
        return new VirtualBlanks(master, parallelism);
    }

    @Override
    public IssuerMasterKey testIssuerKey() {
        return VirtualCard.testIssuerKey();
    }
}
