package jp.mynacard.sim;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The ATRs My Number cards answer with (spec §1, C12), for {@code bin/vcard --atr}: the first
 * cards' short one, on which OpenSC recognises a JPKI card, and the one cards issued from 2024
 * carry (reported in OpenSC issue #3021, which OpenSC 0.23 does not recognise yet).
 */
public enum CardAtr {
    CARD_2015("2015", "3BE000FF8131FE4514"),
    CARD_2024("2024", "3BDA13FF8131FB468012392F31C173C601C03B");

    private final String name;
    private final byte[] bytes;

    CardAtr(String name, String hex) {
        this.name = name;
        this.bytes = HexFormat.of().parseHex(hex);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** "2015" or "2024", as the command line names them. */
    static CardAtr named(String name) {
        return Arrays.stream(values()).filter(atr -> atr.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--atr must be one of " + names() + ", not '" + name + "'"));
    }

    static String names() {
        return Arrays.stream(values()).map(atr -> atr.name).collect(Collectors.joining(", "));
    }
}
