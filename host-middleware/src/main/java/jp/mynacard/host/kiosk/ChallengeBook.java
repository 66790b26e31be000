package jp.mynacard.host.kiosk;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The challenges a service handed out and not yet forgot: each redeemed at most once, even when
 * two responses for it arrive together, and refused after its lifetime. A redeemed challenge is
 * kept as spent until it would have expired, so a replay is told apart from an unknown id; after
 * that it is forgotten, and a replay then meets "unknown" (still a refusal). Memory is bounded:
 * at most {@code capacity} challenges, expired ones swept when the book is full. Thread safe.
 */
final class ChallengeBook {
    private static final int NONCE_BYTES = 32;
    private static final int ID_BYTES = 16;

    /** What redeeming an id found. */
    enum Redemption { REDEEMED, UNKNOWN, REPLAYED, EXPIRED }

    record Outcome(Redemption redemption, Optional<Challenge> challenge) {
    }

    private record Entry(Challenge challenge, AtomicBoolean spent) {
    }

    private final String service;
    private final Clock clock;
    private final Duration lifetime;
    private final int capacity;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ChallengeBook(String service, Clock clock, Duration lifetime, int capacity) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a challenge's lifetime must be positive, not " + lifetime);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the challenge capacity must be at least 1, not " + capacity);
        }
        this.lifetime = lifetime;
        this.capacity = capacity;
    }

    /** @throws ServiceBusyException when {@code capacity} unexpired challenges are outstanding */
    Challenge issue() {
        if (entries.size() >= capacity) {
            sweep();
            if (entries.size() >= capacity) {
                throw new ServiceBusyException("too many authentications in progress (" + capacity + "): try again shortly");
            }
        }
        byte[] nonce = new byte[NONCE_BYTES];
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(nonce);
        random.nextBytes(id);
        Challenge challenge = new Challenge(Base64.getUrlEncoder().withoutPadding().encodeToString(id), service, nonce,
                clock.instant().plus(lifetime));
        entries.put(challenge.id(), new Entry(challenge, new AtomicBoolean()));
        return challenge;
    }

    /** Redeems the challenge: the first caller for an unexpired id gets it, every later one REPLAYED. */
    Outcome redeem(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return new Outcome(Redemption.UNKNOWN, Optional.empty());
        }
        if (expired(entry, clock.instant())) {
            entries.remove(id, entry);
            return new Outcome(Redemption.EXPIRED, Optional.empty());
        }
        if (!entry.spent().compareAndSet(false, true)) {
            return new Outcome(Redemption.REPLAYED, Optional.empty());
        }
        return new Outcome(Redemption.REDEEMED, Optional.of(entry.challenge()));
    }

    int size() {
        return entries.size();
    }

    private void sweep() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> expired(entry, now));
    }

    private static boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.challenge().expiresAt());
    }
}
