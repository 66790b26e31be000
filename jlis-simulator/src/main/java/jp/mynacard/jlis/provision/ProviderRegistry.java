package jp.mynacard.jlis.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Registers providers and recognises them by their API token. The token is shown once, at
 * registration; only its SHA-256 is stored (it is 256 random bits, so no slow hash is needed),
 * and a lookup by that hash reveals nothing about other tokens.
 */
public final class ProviderRegistry {
    /** Ids go into the signed consent statement, so they cannot contain a line break or '='. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_NAME = 200;
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProvisionDatabase database;
    private final Clock clock;

    ProviderRegistry(ProvisionDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** @return the provider's new API token: the only time it is ever shown */
    public String register(String id, String name) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.MALFORMED, "a provider id is 1 to 64 of a-z 0-9 . _ -, "
                    + "starting with a letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new ProvisionRefusal(ProvisionRefusal.Kind.MALFORMED, "a provider name is 1 to " + MAX_NAME + " characters");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM provision_provider WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        throw new ProvisionRefusal(ProvisionRefusal.Kind.CONFLICT, "provider '" + id + "' is already registered");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO provision_provider (id, name, token_hash, registered_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, name);
                insert.setString(3, hash(token));
                insert.setLong(4, clock.millis());
                insert.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /** The provider holding this token; empty for an unknown one. */
    public Optional<Provider> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, name FROM provision_provider WHERE token_hash = ?")) {
                query.setString(1, hash(token));
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? new Provider(row.getString(1), row.getString(2)) : null;
                }
            }
        }));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
