package jp.mynacard.perso.channel;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * What the chip factory puts into each applet at install (GlobalPlatform INSTALL [for install]
 * data: LV instance AID, LV control info, LV applet data) so the card can open the channel:
 * applet data = {@code L serial, 10 K} with K the card key diversified from the issuer master
 * key. Here the test harness plays the factory; on a real line the chip maker injects K.
 */
public final class ChipInstallData {
    static final int MAX_SERIAL_LENGTH = 16;

    private ChipInstallData() {
    }

    public static byte[] of(byte[] instanceAid, byte[] serial, IssuerMasterKey master) {
        return of(instanceAid, serial, master, null);
    }

    /**
     * With one more byte after the card key, which the application reads as its install option:
     * the JPKI AP's token form (0 card, 1 Android secure element, 2 iOS; spec §3, C15).
     */
    public static byte[] of(byte[] instanceAid, byte[] serial, IssuerMasterKey master, Byte option) {
        if (serial.length == 0 || serial.length > MAX_SERIAL_LENGTH) {
            throw new IllegalArgumentException("a card serial has 1 to " + MAX_SERIAL_LENGTH + " bytes");
        }
        byte[] key = master.diversify(serial).key().getEncoded();
        ByteArrayOutputStream appletData = new ByteArrayOutputStream();
        appletData.write(serial.length);
        appletData.writeBytes(serial);
        appletData.write(key.length);
        appletData.writeBytes(key);
        if (option != null) {
            appletData.write(option);
        }
        Arrays.fill(key, (byte) 0);
        byte[] applet = appletData.toByteArray();
        ByteArrayOutputStream install = new ByteArrayOutputStream();
        install.write(instanceAid.length);
        install.writeBytes(instanceAid);
        install.write(0);
        install.write(applet.length);
        install.writeBytes(applet);
        Arrays.fill(applet, (byte) 0);
        return install.toByteArray();
    }
}
