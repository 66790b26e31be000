package jp.mynacard.kiosk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ToUnicode CMap (glyph id → text) built from the text actually drawn. PDFBox builds its own
 * from the font's cmap, taking for a glyph the lowest code point mapped to it; IPAex maps CJK
 * radicals (U+2EA0 ⺠, U+2F26 ⼦) to the same glyphs as 民 and 子, so copied or extracted text
 * would read 住⺠票. Drawn text knows which character each glyph stood for.
 */
final class ToUnicodeCMap {
    /** The PDF spec's limit of entries in one bfchar block. */
    private static final int BLOCK = 100;
    private final Map<Integer, Integer> glyphToCodePoint = new TreeMap<>();

    void map(int glyphId, int codePoint) {
        glyphToCodePoint.putIfAbsent(glyphId, codePoint);
    }

    byte[] encode() {
        StringBuilder cmap = new StringBuilder()
                .append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(glyphToCodePoint.entrySet());
        for (int start = 0; start < entries.size(); start += BLOCK) {
            List<Map.Entry<Integer, Integer>> block = entries.subList(start, Math.min(entries.size(), start + BLOCK));
            cmap.append(block.size()).append(" beginbfchar\n");
            for (Map.Entry<Integer, Integer> entry : block) {
                cmap.append(String.format("<%04X> <", entry.getKey()));
                for (char c : Character.toChars(entry.getValue())) {
                    cmap.append(String.format("%04X", (int) c));
                }
                cmap.append(">\n");
            }
            cmap.append("endbfchar\n");
        }
        cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return cmap.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
