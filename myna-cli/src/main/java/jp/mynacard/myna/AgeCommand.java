package jp.mynacard.myna;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.Callable;
import jp.mynacard.host.cardface.AgeProof;
import jp.mynacard.host.cardface.SurfacePin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code myna age}: is the holder at least N years old? The card-surface AP's signed age record,
 * opened with the birth-date key, answers; the command prints only "N or older: yes" or "no" —
 * never the birth date. Exit 0 either way; 12 when the age record is not as the centre signed it.
 */
@Command(name = "age", description = "Prove the holder's age from the card's signed age record, printing only yes or no "
        + "(card-surface AP; needs the birth-date key).")
final class AgeCommand implements Callable<Integer> {
    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @Option(names = "--birth-key", paramLabel = "YYMMDD", arity = "0..1", fallbackValue = "",
            description = "The birth-date key: birth date as Japanese-era YYMMDD (2000-01-01, Heisei 12, is 120101); "
                    + "without a value: MYNA_BIRTH_KEY or the prompt.")
    char[] birthKey;

    @Option(names = "--years", paramLabel = "N", defaultValue = "20", description = "The age to prove (default: ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--signer-cert", paramLabel = "FILE",
            description = "The card-data signer certificate (DER or PEM) the card's must be.")
    Path signerCert;

    @Override
    public Integer call() {
        if (years < 0 || years > 150) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--years must be between 0 and 150");
        }
        SurfacePins source = new SurfacePins(myna.pins());
        return myna.withSurface(spec, card -> {
            X509Certificate trusted = signerCert == null ? null : TextVerifyCommand.read(signerCert);
            char[] key = source.value(SurfacePin.BIRTH_DATE_KEY, birthKey);
            boolean old;
            try {
                old = AgeProof.prove(card, key, years, LocalDate.now(myna.clock()), trusted);
            } finally {
                Arrays.fill(key, '\0');
            }
            spec.commandLine().getOut().println(years + " or older: " + (old ? "yes" : "no"));
            return ExitCode.OK;
        });
    }
}
