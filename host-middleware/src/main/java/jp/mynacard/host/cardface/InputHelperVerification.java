package jp.mynacard.host.cardface;

import java.util.List;
import java.util.stream.Collectors;

/** Whether the card's My Number and four attributes are as the centre signed them, and if not, what failed. */
public record InputHelperVerification(List<Problem> problems) {
    /** One way the card's data can fail verification, with the words the CLI prints. */
    public enum Problem {
        MY_NUMBER_HASH_MISMATCH("My Number hash mismatch"),
        ATTRIBUTES_HASH_MISMATCH("attributes hash mismatch"),
        SIGNATURE_INVALID("signature invalid"),
        UNEXPECTED_SIGNER("signer certificate is not the expected one");

        private final String text;

        Problem(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public InputHelperVerification {
        problems = List.copyOf(problems);
    }

    public boolean genuine() {
        return problems.isEmpty();
    }

    /** "My Number hash mismatch, signature invalid"; empty when genuine. */
    public String describe() {
        return problems.stream().map(Problem::text).collect(Collectors.joining(", "));
    }
}
