package jp.mynacard.model.holder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MyNumberTest {
    @Test
    void acceptsTheSpecimenNumber() {
        assertEquals("123456789018", MyNumber.parse("123456789018").digits());
    }

    @Test
    void refusesAWrongCheckDigitWithoutRepeatingTheNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MyNumber.parse("123456789012"));
        assertFalse(e.getMessage().contains("12345678901"), e.getMessage());
    }

    @Test
    void checkDigitIsZeroWhenTheRemainderIsZeroOrOne() {
        // all zeros: sum 0, remainder 0 -> 0
        assertEquals(0, MyNumber.checkDigit("00000000000"));
        // 1 in the rightmost place, weight 2: remainder 2 -> 9
        assertEquals(9, MyNumber.checkDigit("00000000001"));
        // 6 in the 7th place from the right, weight 2: 12 mod 11 = 1 -> 0
        assertEquals(0, MyNumber.checkDigit("00006000000"));
    }

    @Test
    void refusesWrongLengthAndNonDigits() {
        assertThrows(IllegalArgumentException.class, () -> MyNumber.parse("12345678901"));
        assertThrows(IllegalArgumentException.class, () -> MyNumber.parse("12345678901８"));
        assertThrows(IllegalArgumentException.class, () -> MyNumber.parse(null));
    }

    @Test
    void neverShowsTheNumber() {
        assertFalse(MyNumber.parse("123456789018").toString().contains("9018"));
        assertFalse(Holder.sample().toString().contains("123456789018"));
    }
}
