package jp.mynacard.jlis.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** One run of the {@code jlis} CLI in this JVM: its exit code and what it printed. */
record JlisRun(int exit, String out, String err) {

    /** Runs jlis; the verbs print to System.out, so it is caught for the run (one run at a time). */
    static synchronized JlisRun of(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream original = System.out;
        CommandLine commandLine = JlisMain.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = commandLine.execute(arguments);
            return new JlisRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }
}
