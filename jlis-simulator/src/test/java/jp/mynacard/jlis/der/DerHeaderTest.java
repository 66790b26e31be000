package jp.mynacard.jlis.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerHeaderTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 16_777_215, 16_777_216})
    void headerMatchesBouncyCastlesEncoding(int length) throws Exception {
        byte[] reference = new DEROctetString(new byte[length]).getEncoded();
        byte[] expectedHeader = Arrays.copyOf(reference, reference.length - length);
        expectedHeader[0] = (byte) DerHeader.SEQUENCE; // same length octets for any tag

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DerHeader.write(out, DerHeader.SEQUENCE, length);

        assertArrayEquals(expectedHeader, out.toByteArray());
        assertEquals(expectedHeader.length, DerHeader.size(length));
    }
}
