package jp.mynacard.jlis.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The centre's admin token as {@code bin/jlis serve} keeps it: one line in {@code DATA/admin-token},
 * readable by its owner only. A client takes, in this order, a token given outright, the file
 * given, or — for a centre on this host only, so a local secret never travels to another one —
 * the file of the default data directory {@code jlis-data/admin-token} when it exists.
 */
public final class AdminTokenFile {
    /** The file's name in a centre's data directory. */
    public static final String NAME = "admin-token";
    /** Where {@code bin/jlis serve} keeps it without {@code --data}. */
    public static final Path DEFAULT = Path.of("jlis-data", NAME);

    private AdminTokenFile() {
    }

    /** @throws IllegalArgumentException when the file cannot be read or holds no token (the message names the file) */
    public static String read(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the admin token file " + file + ": " + e.getMessage());
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the admin token file " + file + " is empty");
        }
        return token;
    }

    /**
     * The token a client of {@code centre} presents: {@code token} when given, else the one in
     * {@code file} when given, else the default data directory's for a centre on loopback; null
     * when there is none (a centre run with {@code --admin-loopback-without-token}).
     */
    public static String tokenFor(URI centre, String token, Path file) {
        return tokenFor(centre, token, file, DEFAULT);
    }

    static String tokenFor(URI centre, String token, Path file, Path defaultFile) {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (file != null) {
            return read(file);
        }
        if (onLoopback(centre) && Files.isReadable(defaultFile)) {
            return read(defaultFile);
        }
        return null;
    }

    private static boolean onLoopback(URI centre) {
        String host = centre.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+]")) {
            // a name: resolving it here could be steered by DNS, so only "localhost" counts as this host
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
