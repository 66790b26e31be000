package jp.mynacard.perso.batch;

import jp.mynacard.model.holder.Holder;
import jp.mynacard.perso.JpkiPins;

/** A valid row: everything needed to issue one card. Its toString shows neither PINs nor My Number. */
public record BatchRow(int line, String applicationId, Holder holder, JpkiPins pins) implements BatchEntry {
    @Override
    public String toString() {
        return "BatchRow[line=" + line + ", application=" + applicationId + "]";
    }
}
