package jp.mynacard.applet;

import com.licel.jcardsim.base.SimulatorRuntime;
import com.licel.jcardsim.base.TransientMemory;
import com.licel.jcardsim.smartcardio.CardSimulator;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javacard.framework.AID;
import javacard.framework.Applet;
import javacard.framework.JCSystem;
import javacard.framework.OwnerPIN;
import javacard.security.Key;
import javacard.security.KeyAgreement;
import javacard.security.KeyBuilder;
import javacard.security.KeyPair;
import javacard.security.MessageDigest;
import javacard.security.RSAPrivateCrtKey;
import javacard.security.RSAPublicKey;
import javacard.security.RandomData;
import javacard.security.Signature;
import javacardx.crypto.Cipher;
import jp.mynacard.perso.channel.ChipInstallData;

/**
 * What the package costs a chip, measured by installing it in jcardsim: jcardsim reports no
 * memory figures ({@code JCSystem.getAvailableMemory} is always 32767), so its transient memory is
 * replaced by one that counts every array the applets make, and the objects the applets hold are
 * walked from their instances. Figures are data bytes: arrays, key components, PIN values; not a
 * chip's object headers, which vary by chip.
 */
final class PackageFootprint {
    /** Bytes of RAM cleared on deselection (and on reset). */
    final int transientDeselect;
    /** Bytes of RAM cleared only on reset. */
    final int transientReset;
    /** Bytes of EEPROM/flash the instances' arrays, keys and PINs hold. */
    final int persistent;
    /** Cipher, Signature, KeyAgreement, MessageDigest and RandomData instances: each holds RAM of the chip's own. */
    final int cryptoEngines;

    private PackageFootprint(int transientDeselect, int transientReset, int persistent, int cryptoEngines) {
        this.transientDeselect = transientDeselect;
        this.transientReset = transientReset;
        this.persistent = persistent;
        this.cryptoEngines = cryptoEngines;
    }

    /** The figures of one card with every applet of the package installed under its AID. */
    static PackageFootprint ofCard(List<Installed> applets) {
        CountingMemory memory = new CountingMemory();
        MeasuredRuntime runtime = new MeasuredRuntime(memory);
        CardSimulator simulator = new CardSimulator(runtime);
        for (Installed applet : applets) {
            byte[] aid = java.util.HexFormat.of().parseHex(applet.aidHex);
            byte[] data = ChipInstallData.of(aid, "FOOTPRINT01".getBytes(StandardCharsets.US_ASCII), WireCard.ISSUER, null);
            simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet.type, data, (short) 0, (byte) data.length);
        }
        Walk walk = new Walk(memory);
        for (Installed applet : applets) {
            byte[] aid = java.util.HexFormat.of().parseHex(applet.aidHex);
            walk.from(runtime.applet(new AID(aid, (short) 0, (byte) aid.length)));
        }
        return new PackageFootprint(memory.deselectBytes + walk.transientKeyBytes, memory.resetBytes,
                walk.persistentBytes, walk.engines.size());
    }

    int transientTotal() {
        return transientDeselect + transientReset;
    }

    @Override
    public String toString() {
        return "transient CLEAR_ON_DESELECT " + transientDeselect + " bytes, CLEAR_ON_RESET " + transientReset
                + " bytes; persistent " + persistent + " bytes; " + cryptoEngines + " crypto engines";
    }

    /** An applet class and the AID it is installed under. */
    record Installed(String aidHex, Class<? extends Applet> type) {
    }

    /** jcardsim's transient memory, counting what each kind of array costs. */
    private static final class CountingMemory extends TransientMemory {
        final Set<Object> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        int deselectBytes;
        int resetBytes;

        @Override
        protected void storeArray(Object array, byte event) {
            super.storeArray(array, event);
            arrays.add(array);
            int bytes = Array.getLength(array) * elementBytes(array);
            if (event == JCSystem.CLEAR_ON_DESELECT) {
                deselectBytes += bytes;
            } else {
                resetBytes += bytes;
            }
        }
    }

    /** Reaches an installed applet instance, which jcardsim keeps to itself. */
    private static final class MeasuredRuntime extends SimulatorRuntime {
        MeasuredRuntime(TransientMemory memory) {
            super(memory);
        }

        Applet applet(AID aid) {
            return getApplet(aid);
        }
    }

    /** The objects the applets hold: the package's own classes, arrays, key pairs and PINs. */
    private static final class Walk {
        private final CountingMemory memory;
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<Object> engines = Collections.newSetFromMap(new IdentityHashMap<>());
        int persistentBytes;
        int transientKeyBytes;

        Walk(CountingMemory memory) {
            this.memory = memory;
        }

        void from(Object root) {
            Deque<Object> pending = new ArrayDeque<>();
            pending.push(root);
            while (!pending.isEmpty()) {
                Object object = pending.pop();
                if (object == null || !seen.add(object)) {
                    continue;
                }
                visit(object, pending);
            }
        }

        private void visit(Object object, Deque<Object> pending) {
            if (object instanceof Cipher || object instanceof Signature || object instanceof KeyAgreement
                    || object instanceof MessageDigest || object instanceof RandomData) {
                engines.add(object);
            } else if (object instanceof KeyPair pair) {
                push(pending, pair.getPublic());
                push(pending, pair.getPrivate());
            } else if (object instanceof Key key) {
                countKey(key);
            } else if (object.getClass().isArray()) {
                if (!memory.arrays.contains(object)) {
                    persistentBytes += Array.getLength(object) * elementBytes(object);
                }
                if (object instanceof Object[] elements) {
                    for (Object element : elements) {
                        push(pending, element);
                    }
                }
            } else if (object instanceof OwnerPIN || object.getClass().getPackageName().equals(FileSystemApplet.class.getPackageName())) {
                // OwnerPIN: its value and try counter, the arrays jcardsim holds them in
                pushFields(object, pending);
            }
        }

        private void countKey(Key key) {
            int bytes = key.getSize() / 8;
            if (key instanceof RSAPrivateCrtKey) {
                bytes = 5 * key.getSize() / 16; // P, Q, DP1, DQ1, PQ: each half the modulus
            } else if (key instanceof RSAPublicKey) {
                bytes += 4; // the public exponent
            }
            byte type = key.getType();
            if (type == KeyBuilder.TYPE_AES_TRANSIENT_DESELECT || type == KeyBuilder.TYPE_DES_TRANSIENT_DESELECT) {
                transientKeyBytes += bytes;
            } else {
                persistentBytes += bytes;
            }
        }

        private static void push(Deque<Object> pending, Object object) {
            if (object != null) {
                pending.push(object);
            }
        }

        private static void pushFields(Object object, Deque<Object> pending) {
            for (Class<?> type = object.getClass(); type != null && type != Object.class && type != Applet.class;
                    type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    field.setAccessible(true);
                    try {
                        push(pending, field.get(object));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }

    private static int elementBytes(Object array) {
        Class<?> element = array.getClass().getComponentType();
        if (element == byte.class || element == boolean.class) {
            return 1;
        }
        // a short, or an object reference: two bytes on a 16-bit Java Card VM
        return 2;
    }
}
