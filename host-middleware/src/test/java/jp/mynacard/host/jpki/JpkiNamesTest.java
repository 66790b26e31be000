package jp.mynacard.host.jpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JpkiNamesTest {
    @Test
    void certificatesMapToTheirEfsAndCliNames() {
        assertEquals(0x000A, JpkiCertificate.fromCliName("auth").fid());
        assertEquals(0x000B, JpkiCertificate.fromCliName("auth-ca").fid());
        assertEquals(0x0001, JpkiCertificate.fromCliName("sign").fid());
        assertEquals(0x0002, JpkiCertificate.fromCliName("sign-ca").fid());
        assertTrue(JpkiCertificate.SIGN.needsSignPin());
        assertFalse(JpkiCertificate.SIGN_CA.needsSignPin());
        assertThrows(IllegalArgumentException.class, () -> JpkiCertificate.fromCliName("AUTH"));
    }

    @Test
    void keysCarryTheirEfsAndCounters() {
        assertEquals(0x0017, JpkiKey.fromCliName("auth").keyFid());
        assertEquals(0x0018, JpkiKey.AUTH.pinFid());
        assertEquals(3, JpkiKey.AUTH.maxTries());
        assertEquals(0x001A, JpkiKey.fromCliName("sign").keyFid());
        assertEquals(0x001B, JpkiKey.SIGN.pinFid());
        assertEquals(5, JpkiKey.SIGN.maxTries());
        JpkiKey.SIGN.checkPinFormat("ABCDEF12".toCharArray());
        JpkiKey.SIGN.checkPinFormat("0123456789ABCDEF".toCharArray());
        assertThrows(IllegalArgumentException.class, () -> JpkiKey.fromCliName("auth-ca"));
    }
}
