package jp.mynacard.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.TenantKey;

/**
 * {@code bin/vcard --slot TENANT:SERVICE,open|keyed,KEYFILE,CONTENT}: a tenant slot to put on
 * the virtual card before it goes into the reader, sized to its content (at least 64 bytes).
 */
record TenantSlotSpec(SlotName name, ReadPolicy policy, Path keyFile, String content) {
    private static final int MIN_CAPACITY = 64;

    static TenantSlotSpec parse(String spec) {
        String[] parts = spec.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("--slot is TENANT:SERVICE,open|keyed,KEYFILE,CONTENT, not " + parts.length + " fields");
        }
        ReadPolicy policy;
        try {
            policy = ReadPolicy.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--slot read policy is open or keyed, not " + parts[1]);
        }
        return new TenantSlotSpec(SlotName.parse(parts[0]), policy, Path.of(parts[2]), parts[3]);
    }

    void addTo(VirtualCard card) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        try {
            card.addTenantSlot(name, policy, Math.max(MIN_CAPACITY, data.length), TenantKey.read(keyFile), data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tenant key file " + keyFile, e);
        }
    }
}
