package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Remembers the current base CRL of each CA and partition (keys {@code sign}, or {@code sign-p3}) in a
 * properties file beside the CRLs, so that after a restart the deltas go on extending the full CRL that relying parties already hold.
 * Processes sharing the data directory take turns publishing, so each reads the file again first ({@link #reload}).
 */
final class CrlBaseStore {
    private final Path file;
    private final Properties properties = new Properties();

    CrlBaseStore(Path file) {
        this.file = file;
        reload();
    }

    /** What the file says now: another process sharing the data directory may have published since. */
    synchronized void reload() {
        properties.clear();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    synchronized Optional<CrlBase> base(String key) {
        String sequence = properties.getProperty(key + ".baseSequence");
        if (sequence == null) {
            return Optional.empty();
        }
        return Optional.of(new CrlBase(Long.parseLong(sequence),
                new BigInteger(properties.getProperty(key + ".baseNumber")),
                Instant.parse(properties.getProperty(key + ".publishedAt"))));
    }

    /** Records a new base; call only once its full CRL is in place, or deltas would extend a CRL nobody has. */
    synchronized void save(String key, CrlBase base) throws IOException {
        properties.setProperty(key + ".baseSequence", Long.toString(base.sequence()));
        properties.setProperty(key + ".baseNumber", base.number().toString());
        properties.setProperty(key + ".publishedAt", base.publishedAt().toString());
        AtomicFile.replace(file, out -> properties.store(out, "base full CRL of each CA and partition, for delta CRLs"));
    }
}
