package jp.mynacard.model.card;

import java.util.Arrays;
import java.util.List;

/**
 * The applications on the chip (spec §1), each with the AID it is selected by. The single home of
 * the AIDs on the host side; the applets are installed under the same ones (AppletConstantsTest).
 */
public enum CardApplication {
    /** 公的個人認証 AP: the authentication and signature keys and certificates (spec §3). */
    JPKI("JPKI AP", true, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01),
    /** 券面事項入力補助 AP: the My Number and the four attributes as text (spec §4). */
    INPUT_HELPER("card-input-helper AP", true, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08),
    /** 券面 AP: the printed faces as images, the age record, the chip's authentication key (spec §5). */
    SURFACE("card-surface AP", true, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02),
    /** 空き領域: the municipalities' tenant slots (spec §8). */
    FREE_AREA("free-area AP", false, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x05, 0x01),
    /**
     * The common AP (spec §1, C11): selectable as on the real card, and what answers a reader
     * before it selects anything (the card's master-file level); it holds nothing public.
     */
    COMMON("common AP", false, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00);

    private final String displayName;
    private final boolean personalized;
    private final byte[] aid;

    CardApplication(String displayName, boolean personalized, int... aid) {
        this.displayName = displayName;
        this.personalized = personalized;
        this.aid = new byte[aid.length];
        for (int i = 0; i < aid.length; i++) {
            this.aid[i] = (byte) aid[i];
        }
    }

    /** The AID, for SELECT by DF name; a fresh copy. */
    public byte[] aid() {
        return aid.clone();
    }

    /**
     * Whether the bureau writes and LOCKs it at issuance (a card is issued once every such
     * application is locked); the free area is not: counters add its slots later.
     */
    public boolean personalizedAtIssuance() {
        return personalized;
    }

    /** The applications the bureau writes and LOCKs at issuance, in declaration order. */
    public static List<CardApplication> personalizedAtIssuanceAll() {
        return Arrays.stream(values()).filter(CardApplication::personalizedAtIssuance).toList();
    }

    /** "JPKI AP", "card-input-helper AP", …: how messages name the application. */
    public String displayName() {
        return displayName;
    }
}
