package jp.mynacard.jlis.registry;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * Run by {@link RegistryCrashIT} in a JVM of its own, to be killed: issues, suspends and revokes
 * certificates on a SQLite registry as fast as it can and prints, only after each call returned,
 * {@code ack <usage> <serial hex> <state>} (or {@code crl <usage> <number>}), one line per write.
 *
 * <p>Arguments: the data directory, the first serial (hex).
 */
public final class RegistryCrashWriter {
    private RegistryCrashWriter() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        BigInteger serial = new BigInteger(args[1], 16);
        Random random = new Random();
        Instant notAfter = Instant.parse("2030-03-31T14:59:59Z");
        // one write per line: a line is either wholly in the pipe or not there
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        try (JdbcRevocationRegistry registry = JdbcRevocationRegistry.sqlite(dataDir)) {
            for (long i = 0; ; i++) {
                CertificateUsage usage = random.nextBoolean() ? CertificateUsage.SIGNATURE : CertificateUsage.USER_AUTHENTICATION;
                registry.recordIssued(usage, serial, notAfter, serial.toByteArray());
                ack(out, usage, serial, CertificateState.GOOD);
                int fate = random.nextInt(4);
                if (fate == 0) {
                    registry.suspend(usage, serial, Instant.now());
                    ack(out, usage, serial, CertificateState.SUSPENDED);
                }
                if (fate <= 1 || fate == 2 && random.nextBoolean()) {
                    RevocationReason reason = random.nextBoolean() ? RevocationReason.KEY_COMPROMISE : RevocationReason.SUPERSEDED;
                    registry.revoke(usage, serial, reason, Instant.now(), null);
                    ack(out, usage, serial, CertificateState.REVOKED);
                }
                if (i % 16 == 0) {
                    out.print("crl " + usage.shortName() + " " + registry.nextCrlNumber(usage) + "\n");
                    out.flush();
                }
                serial = serial.add(BigInteger.ONE);
            }
        }
    }

    private static void ack(PrintStream out, CertificateUsage usage, BigInteger serial, CertificateState state) {
        out.print("ack " + usage.shortName() + " " + serial.toString(16) + " " + state + "\n");
        out.flush();
    }
}
