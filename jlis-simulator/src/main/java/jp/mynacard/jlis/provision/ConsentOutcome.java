package jp.mynacard.jlis.provision;

/** The consent a consent request ended with, and whether that request created it (false: it already existed). */
public record ConsentOutcome(Consent consent, boolean created) {
}
