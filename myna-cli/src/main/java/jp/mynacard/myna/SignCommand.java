package jp.mynacard.myna;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import jp.mynacard.host.jpki.DigestAlgorithm;
import jp.mynacard.host.jpki.JpkiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code myna sign}: an RSA PKCS#1 v1.5 signature over a file, made by the card's key. */
@Command(name = "sign", description = "Sign a file with the card's auth or sign key (raw PKCS#1 v1.5 signature).")
final class SignCommand implements Callable<Integer> {
    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "auth|sign", description = "Which key signs.")
    String key;

    @Option(names = "--pin", paramLabel = "PIN", arity = "1",
            description = "PIN of that key; safer: MYNA_AUTH_PIN/MYNA_SIGN_PIN or the prompt.")
    char[] pin;

    @Option(names = "--hash", defaultValue = "sha256", paramLabel = "ALG", description = "sha256 (default), sha384 or sha512")
    String hash;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file to sign.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the signature goes.")
    Path out;

    @Override
    public Integer call() {
        JpkiKey signer;
        DigestAlgorithm algorithm;
        try {
            signer = JpkiKey.fromCliName(key);
            algorithm = DigestAlgorithm.fromName(hash);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return myna.withCard(spec, card -> {
            byte[] message = read(in);
            char[] secret = myna.pins().pinFor(signer, pin);
            try {
                card.verifyPin(signer, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
            new Output(myna, spec, out).write(card.sign(signer, algorithm, message));
        });
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
    }
}
