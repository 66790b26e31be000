package jp.mynacard.host.kiosk;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The kiosk's answer to a {@link Challenge}: the card's user-authentication certificate and its
 * signature over {@link Challenge#signedBytes()}. On the wire:
 * {@code {"challenge"(id),"certificate"(base64 DER),"signature"(base64)}}. It carries no PIN.
 */
public record AuthenticationResponse(String challengeId, byte[] certificate, byte[] signature) {
    private static final String WHAT = "the authentication response";

    public AuthenticationResponse {
        Objects.requireNonNull(challengeId, "challengeId");
        certificate = certificate.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public String toJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("challenge", challengeId);
        fields.put("certificate", Base64.getEncoder().encodeToString(certificate));
        fields.put("signature", Base64.getEncoder().encodeToString(signature));
        return FlatJson.write(fields);
    }

    /** @throws MalformedMessageException naming what is wrong */
    public static AuthenticationResponse fromJson(String json) {
        FlatJson fields = FlatJson.parse(json, WHAT);
        return new AuthenticationResponse(fields.required("challenge", WHAT), fields.base64("certificate", WHAT),
                fields.base64("signature", WHAT));
    }
}
