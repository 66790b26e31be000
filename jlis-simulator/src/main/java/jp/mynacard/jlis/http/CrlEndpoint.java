package jp.mynacard.jlis.http;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Serves the published CRLs ({@code /crl/sign.crl}, {@code /crl/auth-delta.crl}, {@code /crl/sign-p3.crl},
 * {@code /crl/auth-ca.crl}, {@code /crl/jpki-indirect.crl}, ...) from the directory the CRL
 * publisher writes to, sent from the file, never read into the heap: a CRL can be tens of megabytes.
 */
final class CrlEndpoint implements ProblemHandling.Endpoint {
    static final String PATH = "/crl/";
    /** sign.crl, sign-delta.crl, sign-p3.crl, sign-p3-delta.crl, sign-ca.crl, jpki-indirect.crl, and auth's. */
    private static final Pattern FILE_NAME = Pattern.compile("(sign|auth)(-p\\d{1,3})?(-delta)?\\.crl|(sign|auth)-ca\\.crl|jpki-indirect\\.crl");

    private final Path directory;

    CrlEndpoint(Path directory) {
        this.directory = directory;
    }

    @Override
    public CentreResponse handle(CentreRequest request) throws IOException {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            throw new HttpProblem(405, "CRLs are fetched with GET");
        }
        String name = request.path().substring(PATH.length());
        if (!FILE_NAME.matcher(name).matches()) {
            throw new HttpProblem(404, "no such CRL: " + name);
        }
        // the publisher replaces a CRL by renaming: the file opened here stays one whole CRL until sent
        FileChannel crl;
        try {
            crl = FileChannel.open(directory.resolve(name), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new HttpProblem(404, "CRL " + name + " is not published yet");
        }
        try {
            return CentreResponse.file("application/pkix-crl", crl);
        } catch (IOException | RuntimeException e) {
            crl.close();
            throw e;
        }
    }
}
