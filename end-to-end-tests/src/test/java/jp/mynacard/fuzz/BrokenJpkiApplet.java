package jp.mynacard.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.OwnerPIN;
import javacard.framework.Util;
import javacardx.apdu.ExtendedLength;
import jp.mynacard.applet.JpkiApplet;

/**
 * The JPKI AP with one deliberate defect, so that {@code FuzzInvariantsTest} can show each of the
 * oracle's checks failing a card that has it. The real {@link JpkiApplet} sits behind and answers
 * every command; a subclass changes what one command does to a PIN. The applet's classes are final
 * with private members, as a chip's are, so this test double reaches the two PINs' {@link OwnerPIN}s
 * through reflection: only a test does that.
 */
public abstract class BrokenJpkiApplet extends Applet implements ExtendedLength {
    private static final byte INS_SELECT = (byte) 0xA4;
    private static final byte INS_VERIFY = 0x20;
    private static final byte INS_COMPUTE_DIGITAL_SIGNATURE = 0x2A;
    private static final byte P1_SELECT_EF = 0x02;
    private static final short SW_TRIES_LEFT = 0x63C0;
    private static final short SW1_MASK = (short) 0xFFF0;
    private static final short AUTH_PIN = 0x0018;
    private static final short SIGN_PIN = 0x001B;
    private static final short NO_EF = 0;

    private final Applet jpki;
    private final OwnerPIN authPin;
    private final OwnerPIN signPin;
    /** The EF the real applet accepted in the last SELECT EF: which PIN a VERIFY is for. */
    private final short[] selectedFid;

    BrokenJpkiApplet(byte[] install, short offset, byte length) {
        jpki = realJpki(install, offset, length);
        authPin = ownerPin(jpki, "authPin");
        signPin = ownerPin(jpki, "signPin");
        selectedFid = JCSystem.makeTransientShortArray((short) 1, JCSystem.CLEAR_ON_DESELECT);
    }

    @Override
    public boolean select() {
        selectedFid[0] = NO_EF;
        return jpki.select();
    }

    @Override
    public void deselect() {
        jpki.deselect();
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buffer = apdu.getBuffer();
        byte ins = buffer[ISO7816.OFFSET_INS];
        OwnerPIN pin = selectedFid[0] == AUTH_PIN ? authPin : selectedFid[0] == SIGN_PIN ? signPin : null;
        if (ins == INS_VERIFY && pin != null) {
            verify(apdu, pin);
            return;
        }
        if (ins == INS_COMPUTE_DIGITAL_SIGNATURE) {
            computeDigitalSignature(apdu);
            return;
        }
        jpki.process(apdu);
        if (ins == INS_SELECT && buffer[ISO7816.OFFSET_P1] == P1_SELECT_EF) {
            selectedFid[0] = Util.getShort(buffer, apdu.getOffsetCdata());
        }
    }

    /** VERIFY of one of the two PINs, with or without data. */
    void verify(APDU apdu, OwnerPIN pin) {
        jpki.process(apdu);
    }

    void computeDigitalSignature(APDU apdu) {
        jpki.process(apdu);
    }

    /** The real applet's answer was "wrong PIN, this many tries left" to a VERIFY that carried a PIN. */
    static boolean wrongPin(ISOException refusal, APDU apdu) {
        return (refusal.getReason() & SW1_MASK) == SW_TRIES_LEFT && apdu.getIncomingLength() > 0;
    }

    static boolean triesQuery(ISOException refusal, APDU apdu) {
        return (refusal.getReason() & SW1_MASK) == SW_TRIES_LEFT && apdu.getIncomingLength() == 0;
    }

    static void throwTriesLeft(int tries) {
        ISOException.throwIt((short) (SW_TRIES_LEFT | tries));
    }

    /** OwnerPIN keeps its verified flag to itself (a subclass may set it): the defects below set it from outside. */
    static void setValidated(OwnerPIN pin, boolean validated) {
        try {
            Method flag = OwnerPIN.class.getDeclaredMethod("setValidatedFlag", boolean.class);
            flag.setAccessible(true);
            flag.invoke(pin, validated);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jcardsim's OwnerPIN changed", e);
        }
    }

    int maxTries(OwnerPIN pin) {
        return FuzzedAp.JPKI.pin(pin == authPin ? AUTH_PIN : SIGN_PIN).maxTries();
    }

    private static Applet realJpki(byte[] install, short offset, byte length) {
        try {
            Constructor<JpkiApplet> constructor = JpkiApplet.class.getDeclaredConstructor(byte[].class, short.class, byte.class);
            constructor.setAccessible(true);
            return constructor.newInstance(install, offset, length);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JpkiApplet's constructor changed", e);
        }
    }

    private static OwnerPIN ownerPin(Applet jpki, String field) {
        try {
            Field pinFile = JpkiApplet.class.getDeclaredField(field);
            pinFile.setAccessible(true);
            Object file = pinFile.get(jpki);
            Field pin = file.getClass().getDeclaredField("pin");
            pin.setAccessible(true);
            return (OwnerPIN) pin.get(file);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JpkiApplet's PIN files changed", e);
        }
    }

    /** Takes a wrong PIN of the right format as the right one: 9000, verified, counter full. */
    public static final class AcceptsAnyPin extends BrokenJpkiApplet {
        private AcceptsAnyPin(byte[] install, short offset, byte length) {
            super(install, offset, length);
        }

        public static void install(byte[] install, short offset, byte length) {
            new AcceptsAnyPin(install, offset, length).register();
        }

        @Override
        void verify(APDU apdu, OwnerPIN pin) {
            try {
                super.verify(apdu, pin);
            } catch (ISOException refusal) {
                if (!wrongPin(refusal, apdu)) {
                    throw refusal;
                }
                pin.resetAndUnblock();
                setValidated(pin, true);
            }
        }
    }

    /** Uses either key whether or not its PIN was verified. */
    public static final class SignsWithoutPin extends BrokenJpkiApplet {
        private SignsWithoutPin(byte[] install, short offset, byte length) {
            super(install, offset, length);
        }

        public static void install(byte[] install, short offset, byte length) {
            new SignsWithoutPin(install, offset, length).register();
        }

        @Override
        void computeDigitalSignature(APDU apdu) {
            boolean auth = super.authPin.isValidated();
            boolean sign = super.signPin.isValidated();
            setValidated(super.authPin, true);
            setValidated(super.signPin, true);
            try {
                super.computeDigitalSignature(apdu);
            } finally {
                setValidated(super.authPin, auth);
                setValidated(super.signPin, sign);
            }
        }
    }

    /** A wrong PIN leaves an earlier VERIFY standing, so the protected files stay readable after it. */
    public static final class KeepsVerificationAfterWrongPin extends BrokenJpkiApplet {
        private KeepsVerificationAfterWrongPin(byte[] install, short offset, byte length) {
            super(install, offset, length);
        }

        public static void install(byte[] install, short offset, byte length) {
            new KeepsVerificationAfterWrongPin(install, offset, length).register();
        }

        @Override
        void verify(APDU apdu, OwnerPIN pin) {
            boolean verified = pin.isValidated();
            try {
                super.verify(apdu, pin);
            } catch (ISOException refusal) {
                if (verified && wrongPin(refusal, apdu)) {
                    setValidated(pin, true);
                }
                throw refusal;
            }
        }
    }

    /** Never counts a wrong PIN: the counter goes back to its maximum, and the answer says so. */
    public static final class SpendsNoTry extends BrokenJpkiApplet {
        private SpendsNoTry(byte[] install, short offset, byte length) {
            super(install, offset, length);
        }

        public static void install(byte[] install, short offset, byte length) {
            new SpendsNoTry(install, offset, length).register();
        }

        @Override
        void verify(APDU apdu, OwnerPIN pin) {
            try {
                super.verify(apdu, pin);
            } catch (ISOException refusal) {
                if (!wrongPin(refusal, apdu)) {
                    throw refusal;
                }
                pin.resetAndUnblock();
                throwTriesLeft(pin.getTriesRemaining());
            }
        }
    }

    /** Counts wrong PINs, but its tries query always reports the full count. */
    public static final class ReportsFullTries extends BrokenJpkiApplet {
        private ReportsFullTries(byte[] install, short offset, byte length) {
            super(install, offset, length);
        }

        public static void install(byte[] install, short offset, byte length) {
            new ReportsFullTries(install, offset, length).register();
        }

        @Override
        void verify(APDU apdu, OwnerPIN pin) {
            try {
                super.verify(apdu, pin);
            } catch (ISOException refusal) {
                if (!triesQuery(refusal, apdu)) {
                    throw refusal;
                }
                throwTriesLeft(maxTries(pin));
            }
        }
    }
}
