package jp.mynacard.fuzz;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks at every answer's data for what must not be there: a PIN; bytes of a PIN-protected EF
 * while none of the PINs that open it is verified; bytes of a keyed free-area slot or a tenant key; a private
 * key (a 128-byte run that divides a key's modulus is a prime factor, a 256-byte run d with
 * 2^(e·d) = 2 mod n is the private exponent). An answer made only of public EF bytes is a read of
 * public data and passes. Runs of 8 bytes are compared; runs that also occur in public data or
 * are one byte repeated are left out, so only bytes that can come from nowhere else count.
 */
final class LeakWatch {
    private static final int RUN = 8;
    private static final int PRIME_BYTES = 128;
    private static final int MODULUS_BYTES = 256;

    /** An answer this long that is a slice of a protected file and of no public one is that file's content. */
    private static final int SLICE = 5;

    private final List<byte[]> publicFiles;
    private final Map<String, byte[]> protectedFiles;
    private final Set<Long> publicRuns = new HashSet<>();
    /** Each 8-byte run of protected content and the files it occurs in. */
    private final Map<Long, Set<String>> protectedRuns = new HashMap<>();
    private final Set<Long> alwaysSecretRuns = new HashSet<>();
    private final List<byte[]> pins = new ArrayList<>();
    private final byte[] myNumber;
    private final String myNumberFile;
    private final List<RSAPublicKey> keys;

    /**
     * {@code protectedFiles}: by name, readable after one of their PINs; {@code alwaysSecret}: never
     * readable in the clear (keyed slot data, tenant keys); {@code myNumber} is a PIN (PIN-A) and
     * also the content of the protected EF {@code myNumberFile}.
     */
    LeakWatch(Collection<byte[]> publicContent, Map<String, byte[]> protectedFiles, Collection<byte[]> alwaysSecret,
              Collection<String> pinValues, String myNumber, String myNumberFile, List<RSAPublicKey> keys) {
        this.publicFiles = List.copyOf(publicContent);
        this.protectedFiles = Map.copyOf(protectedFiles);
        this.myNumberFile = myNumberFile;
        publicContent.forEach(content -> addRuns(content, publicRuns));
        protectedFiles.forEach((name, content) -> {
            Set<Long> runs = new HashSet<>();
            addRuns(content, runs);
            runs.forEach(run -> protectedRuns.computeIfAbsent(run, r -> new HashSet<>()).add(name));
        });
        alwaysSecret.forEach(content -> addRuns(content, alwaysSecretRuns));
        protectedRuns.keySet().removeAll(publicRuns);
        alwaysSecretRuns.removeAll(publicRuns);
        pinValues.stream().filter(pin -> !pin.equals(myNumber)).forEach(pin -> pins.add(pin.getBytes(StandardCharsets.US_ASCII)));
        this.myNumber = myNumber.getBytes(StandardCharsets.US_ASCII);
        this.keys = keys;
    }

    /** What leaked in this answer's data, or {@code null}; {@code readable}: the protected files whose PIN is verified now. */
    String leakIn(byte[] data, Set<String> readable) {
        if (data.length == 0 || isKnownRead(data, Set.of())) {
            return null;
        }
        if (data.length >= SLICE && !isSliceOf(publicFiles, data)) {
            Set<String> owners = new HashSet<>();
            protectedFiles.forEach((name, content) -> {
                if (indexOf(content, data) >= 0) {
                    owners.add(name);
                }
            });
            if (!owners.isEmpty()) {
                // a READ BINARY of a protected file: its bytes only after one of its PINs (a slice of
                // the My Number file may hold "1234", the sample PIN, and is then no leak)
                return Collections.disjoint(owners, readable) ? "bytes of " + owners + " without their PIN" : null;
            }
        }
        boolean myNumberReadable = readable.contains(myNumberFile);
        // "1234" is also the start of the sample My Number, which its PINs let be read
        byte[] withoutMyNumber = myNumberReadable ? blanked(data, myNumber) : data;
        for (byte[] pin : pins) {
            if (indexOf(withoutMyNumber, pin) >= 0) {
                return "a PIN value";
            }
        }
        if (!myNumberReadable && indexOf(data, myNumber) >= 0) {
            return "the My Number without a PIN";
        }
        for (int i = 0; i + RUN <= data.length; i++) {
            long run = runAt(data, i);
            if (alwaysSecretRuns.contains(run)) {
                return "keyed slot data or a tenant key at offset " + i;
            }
            Set<String> owners = protectedRuns.get(run);
            if (owners != null && Collections.disjoint(owners, readable)) {
                return "bytes of " + owners + " without their PIN at offset " + i;
            }
        }
        // a protected EF read after its PIN: the bytes are the file's, no key can hide in them
        return isKnownRead(data, readable) ? null : privateKeyIn(data);
    }

    private String privateKeyIn(byte[] data) {
        for (RSAPublicKey key : keys) {
            BigInteger n = key.getModulus();
            for (int i = 0; i + PRIME_BYTES <= data.length; i++) {
                BigInteger candidate = new BigInteger(1, Arrays.copyOfRange(data, i, i + PRIME_BYTES));
                if (candidate.bitLength() > 1000 && n.mod(candidate).signum() == 0) {
                    return "a prime factor of a card key at offset " + i;
                }
            }
            for (int i = 0; i + MODULUS_BYTES <= data.length && data.length <= 4 * MODULUS_BYTES; i++) {
                BigInteger candidate = new BigInteger(1, Arrays.copyOfRange(data, i, i + MODULUS_BYTES));
                BigInteger two = BigInteger.TWO;
                if (candidate.bitLength() > 1900 && !isSignature(candidate)
                        && two.modPow(candidate.multiply(key.getPublicExponent()), n).equals(two)) {
                    return "the private exponent of a card key at offset " + i;
                }
            }
        }
        return null;
    }

    /**
     * A PKCS#1 v1.5 signature by one of the card keys (s^e mod n begins 00 01 FF): what COMPUTE
     * DIGITAL SIGNATURE answers, checked with one cheap public-key operation instead of the costly
     * private-exponent test.
     */
    private boolean isSignature(BigInteger candidate) {
        for (RSAPublicKey key : keys) {
            if (candidate.compareTo(key.getModulus()) < 0) {
                byte[] padded = candidate.modPow(key.getPublicExponent(), key.getModulus()).toByteArray();
                // toByteArray drops the leading 00: 01 FF FF ... 00 DigestInfo
                if (padded.length == MODULUS_BYTES - 1 && padded[0] == 0x01 && padded[1] == (byte) 0xFF && padded[2] == (byte) 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every run of the data is public EF content or content of a file readable now. */
    private boolean isKnownRead(byte[] data, Set<String> readable) {
        if (data.length < RUN) {
            return false;
        }
        for (int i = 0; i + RUN <= data.length; i++) {
            long run = runAt(data, i);
            Set<String> owners = protectedRuns.get(run);
            boolean known = publicRuns.contains(run) || (owners != null && !Collections.disjoint(owners, readable))
                    || oneByteRepeated(data, i);
            if (!known) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSliceOf(List<byte[]> files, byte[] data) {
        return data.length >= SLICE && files.stream().anyMatch(file -> indexOf(file, data) >= 0);
    }

    private static void addRuns(byte[] content, Set<Long> runs) {
        for (int i = 0; i + RUN <= content.length; i++) {
            if (!oneByteRepeated(content, i)) {
                runs.add(runAt(content, i));
            }
        }
    }

    private static boolean oneByteRepeated(byte[] content, int at) {
        for (int i = at + 1; i < at + RUN; i++) {
            if (content[i] != content[at]) {
                return false;
            }
        }
        return true;
    }

    private static long runAt(byte[] data, int at) {
        long run = 0;
        for (int i = at; i < at + RUN; i++) {
            run = (run << 8) | (data[i] & 0xFF);
        }
        return run;
    }

    private static byte[] blanked(byte[] data, byte[] part) {
        byte[] copy = data.clone();
        for (int at = indexOf(copy, part); at >= 0; at = indexOf(copy, part)) {
            Arrays.fill(copy, at, at + part.length, (byte) 0);
        }
        return copy;
    }

    static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
