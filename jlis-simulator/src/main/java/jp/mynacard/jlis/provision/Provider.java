package jp.mynacard.jlis.provision;

/** A service provider (a bank, say) registered with the centre for the four-attribute service. */
public record Provider(String id, String name) {
}
