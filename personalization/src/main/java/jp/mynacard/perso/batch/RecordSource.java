package jp.mynacard.perso.batch;

import java.io.IOException;
import java.util.List;

/** The records of a batch file in one format, in file order. */
interface RecordSource {
    /** The record's field names as the file declares them (CSV header), or empty when each record names its own. */
    List<String> columns();

    /** The next record, or null at the end of the file. */
    RawRecord next() throws IOException;
}
