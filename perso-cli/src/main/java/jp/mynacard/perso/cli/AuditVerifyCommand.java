package jp.mynacard.perso.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import jp.mynacard.perso.journal.AuditVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perso audit-verify --audit FILE --certificate CERT}: the supervisor's check that an operator's audit lines are as signed. */
@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = "Check that every audit line of an operator is signed by the operator's key and none was edited, inserted or removed.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every line of the operator verifies", "1:a line does not verify, or the operator has none", "3:unreadable files"})
final class AuditVerifyCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--audit", required = true, paramLabel = "FILE", description = "the audit log (JSON Lines)")
    Path auditFile;

    @Option(names = "--certificate", required = true, paramLabel = "CERT", description = "the operator's X.509 certificate, PEM or DER")
    Path certificateFile;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(certificateFile)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        AuditVerification result = AuditVerification.of(auditFile, certificate);
        PrintWriter out = spec.commandLine().getOut();
        result.problems().forEach(out::println);
        out.printf("%s: %d lines verified, %d problems; %d lines of other operators not checked%n",
                result.operatorId(), result.verified(), result.problems().size(), result.others());
        out.flush();
        return result.passed() ? 0 : 1;
    }
}
