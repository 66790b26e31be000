package jp.mynacard.kiosk;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.card.ApplicationNotFoundException;
import jp.mynacard.host.freearea.FreeAreaCard;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.TenantAuthenticationException;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.host.freearea.TenantSession;

/**
 * The 印鑑登録証 on a My Number card: the municipality's keyed slot in the free area
 * (docs/free-area.md), holding the seal-registration number as UTF-8 text. Keyed, not open:
 * the number is what a seal certificate is asked for with, so only the municipality's kiosks,
 * holding its tenant key, read it.
 */
public record SealRegistrationCard(SlotName slot, TenantKey key) {
    /** 千代田区's seal-registration service in the samples. */
    public static final SlotName SAMPLE_SLOT = new SlotName("131016", 0x0001);

    /** The registration number, or empty when the card has no such slot (or not for this key). */
    public Optional<String> readNumber(ApduChannel channel) {
        try (TenantSession session = FreeAreaCard.over(channel).authenticate(slot, key)) {
            String number = new String(session.read(), StandardCharsets.UTF_8).strip();
            // it goes into an HTTP header: anything but a short printable number is not a registration
            return number.matches("[0-9A-Za-z-]{1,64}") ? Optional.of(number) : Optional.empty();
        } catch (TenantAuthenticationException | ApplicationNotFoundException e) {
            return Optional.empty();
        }
    }
}
