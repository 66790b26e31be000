package jp.mynacard.fuzz;

import com.licel.jcardsim.base.Simulator;
import com.licel.jcardsim.base.SimulatorRuntime;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import javacard.framework.AID;
import javacard.framework.Applet;
import jp.mynacard.sim.VirtualCard;

/**
 * The issuer channel's tries left as the chip holds them. An issued AP tells them to its
 * authenticated issuer only (GET DATA C2 to anyone else is the life cycle alone) and a successful
 * authentication restores them, so the fuzzer reads them on the chip's side: reflection into
 * jcardsim and the applets, test-only, pinned to the jcardsim version of the pom.
 */
final class ChipTries {
    private ChipTries() {
    }

    static int issuerTries(VirtualCard card, byte[] aid) {
        try {
            return issuerTries((Simulator) field(card, "simulator"), aid);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("jcardsim or the card simulator changed: the fuzzer cannot read the issuer tries", e);
        }
    }

    static int issuerTries(Simulator simulator, byte[] aid) {
        try {
            SimulatorRuntime runtime = (SimulatorRuntime) field(simulator, Simulator.class, "runtime");
            Method getApplet = SimulatorRuntime.class.getDeclaredMethod("getApplet", AID.class);
            getApplet.setAccessible(true);
            Object applet = getApplet.invoke(runtime, new AID(aid, (short) 0, (byte) aid.length));
            // a test double that wraps the real applet (BrokenJpkiApplet) keeps it in "jpki"
            applet = hasField(applet, "jpki") ? field(applet, "jpki") : applet;
            // the file-system APs keep it in "channel", the free area in "issuer": both a PersonalizationChannel
            Object channel = hasField(applet, "issuer") ? field(applet, "issuer") : field(applet, "channel");
            Method tries = channel.getClass().getDeclaredMethod("triesRemaining");
            tries.setAccessible(true);
            return (byte) tries.invoke(channel) & 0xFF;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("jcardsim or the applets changed: the fuzzer cannot read the issuer tries", e);
        }
    }

    private static boolean hasField(Object owner, String name) {
        return declaring(owner, name) != null;
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Class<?> type = declaring(owner, name);
        if (type == null) {
            throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
        }
        return field(owner, type, name);
    }

    /** The class or superclass of {@code owner} that declares the field, or null. */
    private static Class<?> declaring(Object owner, String name) {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return type;
                }
            }
        }
        return null;
    }

    private static Object field(Object owner, Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
