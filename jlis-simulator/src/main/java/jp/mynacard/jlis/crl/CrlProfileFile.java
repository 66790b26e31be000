package jp.mynacard.jlis.crl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Holds a data directory to the CRL profile it was first started with ({@code crl-profile.properties}):
 * every certificate issued names its CRL, so a centre restarted with other partitions, another
 * signer mode or without the indirect CRL would leave those certificates pointing at CRLs that
 * no longer say what they expect. A directory that published CRLs before the profile was recorded
 * was running the {@link CrlProfile#DEFAULT default}.
 */
public final class CrlProfileFile {
    static final String FILE = "crl-profile.properties";

    private CrlProfileFile() {
    }

    /**
     * Records {@code wanted} at the first start; afterwards refuses any other profile.
     *
     * @throws IOException naming both profiles when they differ
     */
    public static void hold(Path dataDir, CrlProfile wanted) throws IOException {
        Path file = dataDir.resolve(FILE);
        CrlProfile recorded;
        if (Files.exists(file)) {
            recorded = read(file);
        } else if (Files.exists(dataDir.resolve("crl").resolve(CrlPublisher.STATE_FILE))) {
            recorded = CrlProfile.DEFAULT;
            write(file, recorded);
        } else {
            write(file, wanted);
            return;
        }
        if (!recorded.equals(wanted)) {
            throw new IOException("the data directory " + dataDir + " publishes its CRLs with " + recorded.describe()
                    + ", which the certificates it issued name; it cannot be started with " + wanted.describe()
                    + " (start it with the recorded options, or use a new data directory)");
        }
    }

    private static CrlProfile read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        try {
            return new CrlProfile(Integer.parseInt(properties.getProperty("partitions", "1")),
                    CrlSignerMode.fromOption(properties.getProperty("signer", "ca")),
                    Boolean.parseBoolean(properties.getProperty("indirect", "false")));
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read the CRL profile " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, CrlProfile profile) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("partitions", Integer.toString(profile.partitions()));
        properties.setProperty("signer", profile.signer().option());
        properties.setProperty("indirect", Boolean.toString(profile.indirect()));
        AtomicFile.replace(file, out -> properties.store(out, "the CRL profile this data directory's certificates name; fixed"));
    }
}
