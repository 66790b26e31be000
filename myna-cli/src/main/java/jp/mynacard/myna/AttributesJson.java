package jp.mynacard.myna;

import jp.mynacard.host.cardface.CardAttributes;

/** The four attributes as one JSON object; written by hand, the CLI needs no JSON library for four strings. */
final class AttributesJson {
    private AttributesJson() {
    }

    static String of(CardAttributes a) {
        return "{\"name\":" + string(a.name()) + ",\"address\":" + string(a.address())
                + ",\"birthDate\":" + string(a.birthDate().toString()) + ",\"sex\":" + string(a.sex().label()) + "}";
    }

    /** RFC 8259 string: quote, backslash and control characters escaped; everything else as is (UTF-8 out). */
    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c)); // U+2028/9 trip up JavaScript readers
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
