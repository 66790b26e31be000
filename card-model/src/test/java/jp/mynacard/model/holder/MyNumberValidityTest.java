package jp.mynacard.model.holder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MyNumberValidityTest {
    @Test
    void specExamples() {
        assertTrue(MyNumber.isValid("123456789018"));
        assertFalse(MyNumber.isValid("123456789012"), "the government's specimen is not valid");
    }

    @Test
    void everyMistypedLastDigitIsCaught() {
        for (char d = '0'; d <= '9'; d++) {
            if (d != '8') {
                assertFalse(MyNumber.isValid("12345678901" + d));
            }
        }
    }

    @Test
    void notTwelveDigits() {
        assertFalse(MyNumber.isValid("12345678901"));
        assertFalse(MyNumber.isValid("1234567890180"));
        assertFalse(MyNumber.isValid("12345678901８"));
        assertFalse(MyNumber.isValid(null));
    }
}
