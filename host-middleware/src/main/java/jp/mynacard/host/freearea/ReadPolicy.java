package jp.mynacard.host.freearea;

/** Who may read a slot: anyone who names it, or only its tenant over the keyed channel. */
public enum ReadPolicy {
    OPEN(0x00),
    KEYED(0x01);

    private final int code;

    ReadPolicy(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static ReadPolicy of(int code) {
        for (ReadPolicy policy : values()) {
            if (policy.code == code) {
                return policy;
            }
        }
        throw new MalformedSlotDataException("unknown read policy " + code);
    }
}
