package jp.mynacard.myna;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mynacard.host.cms.CardCmsSigner;
import jp.mynacard.host.cms.CmsVerifier;
import jp.mynacard.host.jpki.JpkiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code myna cms sign|verify}: CMS (PKCS#7) SignedData that {@code openssl cms -verify} accepts,
 * made with the card's key; and verification of any SignedData (OpenSSL's too) against the given
 * trust anchors with OCSP revocation checking. {@code cms verify} exits 0 only when valid, 13
 * when NOT valid (the reason on standard output), 10 when a file cannot be read.
 */
@Command(name = "cms", description = "CMS (PKCS#7) signatures: sign with the card, verify anyone's.",
        subcommands = {CmsCommand.Sign.class, CmsCommand.Verify.class})
final class CmsCommand implements Runnable {
    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "sign", description = "CMS SignedData over a file (SHA-256, signing certificate and signing time "
            + "signed, the certificate and its CA's included).")
    static final class Sign implements Callable<Integer> {
        @ParentCommand
        CmsCommand cms;

        @Spec
        CommandSpec spec;

        @Option(names = "--key", defaultValue = "sign", paramLabel = "auth|sign",
                description = "Which key signs (default: sign, the signature certificate).")
        String key;

        @Option(names = "--pin", paramLabel = "PIN", arity = "1",
                description = "PIN of that key; safer: MYNA_SIGN_PIN/MYNA_AUTH_PIN or the prompt.")
        char[] pin;

        @Option(names = "--detached", description = "Leave the content out of the signature.")
        boolean detached;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file to sign.")
        Path in;

        @Option(names = "--out", paramLabel = "FILE.p7s", description = "Where the signature goes (default: standard output).")
        Path out;

        @Option(names = "--form", defaultValue = "der", paramLabel = "der|pem", description = "der (default) or pem")
        String form;

        @Override
        public Integer call() {
            Myna myna = cms.myna;
            JpkiKey signer;
            try {
                signer = JpkiKey.fromCliName(key);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (!form.equals("der") && !form.equals("pem")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--form is der or pem, not " + form);
            }
            return myna.withCard(spec, card -> {
                byte[] content = read(in);
                char[] secret = myna.pins().pinFor(signer, pin);
                try {
                    card.verifyPin(signer, secret);
                } finally {
                    Arrays.fill(secret, '\0');
                }
                CardCmsSigner cmsSigner = CardCmsSigner.of(card, signer); // the sign certificate needs the PIN too
                byte[] der = cmsSigner.sign(content, detached, myna.clock().instant());
                new Output(myna, spec, out).write(form.equals("pem") ? pem(der) : der);
            });
        }

        private static byte[] pem(byte[] der) {
            return ("-----BEGIN CMS-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END CMS-----\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Command(name = "verify", description = "Verify a CMS SignedData: signature, content digest, certification path "
            + "to a --trust CA, and OCSP revocation. Exit 0 only when valid.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        CmsCommand cms;

        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE.p7s", description = "The signature (DER or PEM).")
        Path in;

        @Option(names = "--content", paramLabel = "FILE", description = "The signed file, for a detached signature.")
        Path content;

        @Option(names = "--trust", required = true, paramLabel = "CA.pem",
                description = "A trusted CA certificate (PEM or DER; repeatable). Certificates inside the message are "
                        + "never trusted by themselves.")
        List<Path> trust;

        @Option(names = "--no-revocation", description = "Do not ask OCSP whether the certificates are revoked.")
        boolean noRevocation;

        @Override
        public Integer call() {
            Myna myna = cms.myna;
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<X509Certificate> anchors = new ArrayList<>();
                for (Path file : trust) {
                    try {
                        anchors.addAll(CmsVerifier.readCertificates(read(file)));
                    } catch (CertificateException e) {
                        throw new IOException("cannot read " + file + ": not a certificate (" + e.getMessage() + ")", e);
                    }
                }
                byte[] signature = read(in);
                byte[] signed = content == null ? null : read(content);
                CmsVerifier.Result result = new CmsVerifier(anchors, !noRevocation).verify(signature, signed);
                if (result.valid()) {
                    out.println("valid: signed by " + result.signerName() + " at " + result.signingTime()
                            .map(t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(myna.clock().getZone())))
                            .orElse("(no signing time)"));
                    out.flush();
                    return ExitCode.OK.code;
                }
                out.println("NOT valid: " + result.reason());
                out.flush();
                return ExitCode.NOT_VALID.code;
            } catch (Exception e) {
                ExitCode.Failure failure = ExitCode.of(e);
                err.println("myna: " + failure.message());
                if (myna.verbose) {
                    e.printStackTrace(err);
                }
                err.flush();
                return failure.exit().code;
            }
        }
    }

    static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getMessage()), e);
        }
    }
}
