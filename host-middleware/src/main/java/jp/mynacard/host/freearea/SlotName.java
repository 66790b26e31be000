package jp.mynacard.host.freearea;

import java.nio.charset.StandardCharsets;

/**
 * What names a slot on the wire: the tenant (a 6-digit JIS X 0402 local-government code such as
 * {@code 131016}, or another registered body id of six printable ASCII characters) and the
 * tenant's service id (0–65535).
 */
public record SlotName(String tenantId, int serviceId) {
    public static final int TENANT_LENGTH = 6;
    public static final int LENGTH = TENANT_LENGTH + 2;

    public SlotName {
        if (tenantId == null || tenantId.length() != TENANT_LENGTH || !tenantId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a tenant id is six printable ASCII characters, e.g. 131016: " + tenantId);
        }
        if (serviceId < 0 || serviceId > 0xFFFF) {
            throw new IllegalArgumentException("a service id is 0 to 65535: " + serviceId);
        }
    }

    /** {@code 131016:1} or {@code 131016:0x0101}. */
    public static SlotName parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a slot is TENANT:SERVICE, e.g. 131016:1 — got " + text);
        }
        String service = text.substring(colon + 1);
        try {
            int id = service.startsWith("0x") ? Integer.parseInt(service.substring(2), 16) : Integer.parseInt(service);
            return new SlotName(text.substring(0, colon), id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a service id is a number: " + service);
        }
    }

    static SlotName decode(byte[] bytes, int offset) {
        String tenant = new String(bytes, offset, TENANT_LENGTH, StandardCharsets.US_ASCII);
        return new SlotName(tenant, ((bytes[offset + TENANT_LENGTH] & 0xFF) << 8) | (bytes[offset + TENANT_LENGTH + 1] & 0xFF));
    }

    /** Tenant id (6 ASCII bytes) and service id (2 bytes, big-endian). */
    public byte[] encoded() {
        byte[] out = new byte[LENGTH];
        System.arraycopy(tenantId.getBytes(StandardCharsets.US_ASCII), 0, out, 0, TENANT_LENGTH);
        out[TENANT_LENGTH] = (byte) (serviceId >> 8);
        out[TENANT_LENGTH + 1] = (byte) serviceId;
        return out;
    }

    @Override
    public String toString() {
        return tenantId + ":" + serviceId;
    }
}
