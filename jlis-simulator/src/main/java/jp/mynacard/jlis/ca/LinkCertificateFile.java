package jp.mynacard.jlis.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A CA's link certificates as a PEM file under the data directory's {@code keys/}
 * ({@code sign-links.pem}): public, so no key store is needed, and the same for a PKCS#12 file
 * and a PKCS#11 token. Written beside, then renamed, as the key store is.
 */
final class LinkCertificateFile {
    private final Path directory;

    LinkCertificateFile(Path directory) {
        this.directory = directory;
    }

    List<X509Certificate> read(CertificateUsage usage) throws IOException {
        Path file = file(usage);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> links = new ArrayList<>();
            for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                links.add((X509Certificate) certificate);
            }
            return links;
        } catch (CertificateException e) {
            throw new IOException("the link certificates in " + file + " do not parse: " + e.getMessage(), e);
        }
    }

    void write(CertificateUsage usage, List<X509Certificate> links) throws IOException {
        Files.createDirectories(directory);
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate link : links) {
                pem.writeObject(link);
            }
        }
        Path file = file(usage);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, text.toString(), StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path file(CertificateUsage usage) {
        return directory.resolve(usage.shortName() + "-links.pem");
    }
}
