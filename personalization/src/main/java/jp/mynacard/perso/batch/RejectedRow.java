package jp.mynacard.perso.batch;

/** A row that will not be issued, and why, in words that never repeat a PIN or a My Number. */
public record RejectedRow(int line, String applicationId, String reason) implements BatchEntry {
}
