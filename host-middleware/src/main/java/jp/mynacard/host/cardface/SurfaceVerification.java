package jp.mynacard.host.cardface;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the card-surface AP's face is as the centre issued it, and if not, what failed. Even
 * when genuine, the expiry date and the security code are not covered by the centre's signature:
 * {@link #NOT_COVERED} says so and a host must show it. {@code backFaceChecked} is false when the
 * back face could not be read (it needs PIN-A).
 */
public record SurfaceVerification(List<Problem> problems, boolean backFaceChecked) {
    public static final String NOT_COVERED = "the expiry date and security code are not covered by the signature";

    /** One way the face can fail verification, with the words the CLI prints. */
    public enum Problem {
        FRONT_FACE_SIGNATURE_INVALID("front face signature invalid"),
        CARD_AUTHENTICATION_FAILED("card authentication failed (not the chip the centre issued)"),
        UNEXPECTED_SIGNER("signer certificate is not the expected one"),
        BACK_FACE_SIGNATURE_INVALID("back face signature invalid");

        private final String text;

        Problem(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public SurfaceVerification {
        problems = List.copyOf(problems);
    }

    public boolean genuine() {
        return problems.isEmpty();
    }

    /** "front face signature invalid, card authentication failed (...)"; empty when genuine. */
    public String describe() {
        return problems.stream().map(Problem::text).collect(Collectors.joining(", "));
    }

    /** What is true even of a genuine face: always {@link #NOT_COVERED}. */
    public String note() {
        return NOT_COVERED;
    }
}
