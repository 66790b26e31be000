package jp.mynacard.host.cardface;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MyNumberCheckDigitTest {
    @Test
    void specExamples() {
        assertTrue(MyNumberCheckDigit.isValid("123456789018"));
        assertFalse(MyNumberCheckDigit.isValid("123456789012"), "the government's specimen is not valid");
    }

    @Test
    void everyMistypedLastDigitIsCaught() {
        for (char d = '0'; d <= '9'; d++) {
            if (d != '8') {
                assertFalse(MyNumberCheckDigit.isValid("12345678901" + d));
            }
        }
    }

    @Test
    void notTwelveDigits() {
        assertFalse(MyNumberCheckDigit.isValid("12345678901"));
        assertFalse(MyNumberCheckDigit.isValid("1234567890180"));
        assertFalse(MyNumberCheckDigit.isValid("12345678901８"));
        assertFalse(MyNumberCheckDigit.isValid(null));
    }
}
