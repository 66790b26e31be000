package jp.mynacard.jlis.bench;

import java.util.List;

/** A benchmark's rows as a Markdown table, columns as wide as their widest cell: text left, figures right. */
final class MarkdownTable {
    private MarkdownTable() {
    }

    /** @param textColumns how many leading columns hold text (left-aligned); the rest are right-aligned */
    static void print(String[] head, List<String[]> rows, int textColumns) {
        int[] widths = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            widths[i] = head[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        System.out.println();
        System.out.println(line(head, widths, textColumns));
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            boolean text = i < textColumns;
            rule.append(text ? " :" : " ").append("-".repeat(widths[i] - 1)).append(text ? " |" : ": |");
        }
        System.out.println(rule);
        for (String[] row : rows) {
            System.out.println(line(row, widths, textColumns));
        }
        System.out.println();
    }

    private static String line(String[] cells, int[] widths, int textColumns) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            String format = i < textColumns ? " %-" + widths[i] + "s |" : " %" + widths[i] + "s |";
            line.append(String.format(format, cells[i]));
        }
        return line.toString();
    }
}
