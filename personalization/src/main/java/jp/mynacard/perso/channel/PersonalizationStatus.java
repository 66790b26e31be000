package jp.mynacard.perso.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an AP reports of its personalization (GET DATA C2): its ISO 7816-9 life cycle, the
 * channel's authentication tries left until the card's next reset (the card counts failures per
 * power-up, never persistently), and for each file personalization writes whether it is done. A
 * torn personalization shows as {@link #isUnfinished()}: not locked, some files done. Once the AP
 * is locked, the card tells the tries and files to an authenticated issuer only: read before the
 * channel is open, an issued AP's status is its life cycle alone ({@link #TRIES_UNDISCLOSED}, no files).
 */
public record PersonalizationStatus(int lifeCycle, int authenticationTriesLeft, Map<Integer, Boolean> files) {
    public static final int PERSONALIZATION = 0x03;
    public static final int SUSPENDED_FOR_RENEWAL = 0x04;
    public static final int LOCKED = 0x05;
    /** {@link #authenticationTriesLeft()} of a status read outside the issuer's session after LOCK. */
    public static final int TRIES_UNDISCLOSED = -1;

    public PersonalizationStatus {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    static PersonalizationStatus decode(byte[] data) {
        if (data.length == 1) {
            return new PersonalizationStatus(data[0] & 0xFF, TRIES_UNDISCLOSED, Map.of());
        }
        if (data.length < 2 || (data.length - 2) % 3 != 0) {
            throw new IllegalArgumentException("personalization status of " + data.length + " bytes is malformed");
        }
        Map<Integer, Boolean> files = new LinkedHashMap<>();
        for (int at = 2; at < data.length; at += 3) {
            files.put((data[at] & 0xFF) << 8 | data[at + 1] & 0xFF, data[at + 2] != 0);
        }
        return new PersonalizationStatus(data[0] & 0xFF, data[1] & 0xFF, files);
    }

    /** Installed, nothing written: ready for a personalization. */
    public boolean isBlank() {
        return lifeCycle == PERSONALIZATION && !files.containsValue(true);
    }

    /** Not locked, but something written: an earlier personalization stopped half-way. */
    public boolean isUnfinished() {
        return lifeCycle == PERSONALIZATION && files.containsValue(true);
    }

    public boolean isLocked() {
        return lifeCycle == LOCKED;
    }

    /** Whether personalization may write this file now (before LOCK): false once issued. */
    public boolean isPersonalizable() {
        return lifeCycle == PERSONALIZATION;
    }
}
