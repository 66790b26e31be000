package jp.mynacard.applet;

import com.licel.jcardsim.base.SimulatorRuntime;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javacard.framework.AID;
import javacard.framework.Applet;

/**
 * What a probe on the chip would see, for the tests of what the applets leave in memory: the
 * applet instance behind an AID, its fields, and every transient array jcardsim holds. Reflection
 * into jcardsim's runtime, so it is test-only and pinned to the jcardsim version of the pom.
 */
final class ChipInternals {
    private ChipInternals() {
    }

    static Applet applet(WireCard card, byte[] aid) {
        try {
            Method getApplet = SimulatorRuntime.class.getDeclaredMethod("getApplet", AID.class);
            getApplet.setAccessible(true);
            return (Applet) getApplet.invoke(runtime(card), new AID(aid, (short) 0, (byte) aid.length));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("jcardsim's runtime changed", e);
        }
    }

    /** Every byte array made with {@code JCSystem.makeTransientByteArray}, whichever its clearing event. */
    static List<byte[]> transientByteArrays(WireCard card) {
        Object memory = runtime(card).getTransientMemory();
        List<byte[]> arrays = new ArrayList<>();
        for (String event : new String[] {"clearOnReset", "clearOnDeselect"}) {
            for (Object array : (List<?>) field(memory, event)) {
                if (array instanceof byte[] bytes) {
                    arrays.add(bytes);
                }
            }
        }
        return arrays;
    }

    /** A field of an object, declared by its class or a superclass. */
    static Object field(Object owner, String name) {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException e) {
                // declared higher up
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(owner.getClass().getName() + " has no field " + name);
    }

    /** Whether {@code needle} occurs anywhere in {@code haystack}. */
    static boolean contains(byte[] haystack, byte[] needle) {
        for (int at = 0; at + needle.length <= haystack.length; at++) {
            if (java.util.Arrays.equals(haystack, at, at + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static SimulatorRuntime runtime(WireCard card) {
        return (SimulatorRuntime) field(card.simulator, "runtime");
    }
}
