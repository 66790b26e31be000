package jp.mynacard.perso.batch;

/** One row of a batch file: a holder ready to issue, or a row refused with its reason. */
public sealed interface BatchEntry permits BatchRow, RejectedRow {
    /** The line of the file the row starts on, counting from 1 (the CSV header is line 1). */
    int line();

    /** The operator's reference for the application (申請書 number); empty when the row had none. */
    String applicationId();
}
