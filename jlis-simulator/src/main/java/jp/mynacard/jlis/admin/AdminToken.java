package jp.mynacard.jlis.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import jp.mynacard.jlis.client.AdminTokenFile;

/**
 * The bearer token of the admin API, kept in the data directory ({@code admin-token}): made at
 * the first start, 256 random bits, readable and writable by its owner only; the same token at
 * every later start, so the CLI verbs on this host find it there.
 */
public final class AdminToken {
    private static final int RANDOM_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private AdminToken() {
    }

    /**
     * The data directory's token, made when there is none.
     *
     * @throws IllegalStateException when the file is readable by others than its owner (the token is then no secret)
     */
    public static String ofDataDirectory(Path dataDir) throws IOException {
        Path file = dataDir.resolve(AdminTokenFile.NAME);
        if (Files.exists(file)) {
            requireOwnerOnly(file);
            return AdminTokenFile.read(file);
        }
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        write(file, token);
        return token;
    }

    /** Written whole under another name and renamed: a crash leaves no half-written token behind. */
    private static void write(Path file, String token) throws IOException {
        Path partial = file.resolveSibling(AdminTokenFile.NAME + ".partial");
        Files.deleteIfExists(partial);
        if (posix(file)) {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(partial);
            partial.toFile().setReadable(false, false);
            partial.toFile().setReadable(true, true);
        }
        Files.writeString(partial, token + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        if (!posix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IllegalStateException("the admin token file " + file + " is readable by others ("
                    + PosixFilePermissions.toString(permissions) + "): make it the owner's alone (chmod 600 " + file
                    + ") or delete it for a new token");
        }
    }

    private static boolean posix(Path file) {
        return Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
    }
}
