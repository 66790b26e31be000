package jp.mynacard.kiosk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * One A4 page of a municipal certificate, written top to bottom in the Japanese font, whose
 * subset is embedded (so any viewer shows it) with text that extracts as written. The
 * certificates' PDF classes say what goes on it; this class how.
 */
final class CertificatePage {
    static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPAN);
    private static final float MARGIN = 60;
    private static final float LABEL_WIDTH = 130;
    /** Bezier control distance for a quarter circle. */
    private static final float KAPPA = 0.5523f;

    /** What a certificate draws on its page. */
    interface Drawing {
        void draw(CertificatePage page) throws IOException;
    }

    private final PDType0Font font;
    private final CmapLookup cmap;
    private final PDPageContentStream content;
    private final float width;
    private final ToUnicodeCMap toUnicode = new ToUnicodeCMap();
    private float y;

    private CertificatePage(PDDocument document, PDType0Font font, CmapLookup cmap) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        this.font = font;
        this.cmap = cmap;
        this.content = new PDPageContentStream(document, page);
        this.width = page.getMediaBox().getWidth();
        this.y = page.getMediaBox().getHeight() - MARGIN;
    }

    /** The PDF of one page drawn by {@code drawing}, titled and signed off by the municipality's head. */
    static byte[] render(Path fontFile, String title, String author, Drawing drawing) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(fontFile.toFile()));
             PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, ttf, true);
            CertificatePage page = new CertificatePage(document, font, ttf.getUnicodeCmapLookup());
            drawing.draw(page);
            page.content.close();
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor(author);
            info.setProducer("mynacard sample kiosk");
            // the first save subsets the font (and writes PDFBox's ToUnicode); the second keeps the subset
            // and carries the ToUnicode of the text actually drawn
            document.save(OutputStream.nullOutputStream());
            font.getCOSObject().setItem(COSName.TO_UNICODE,
                    new PDStream(document, new java.io.ByteArrayInputStream(page.toUnicode.encode())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF with font " + fontFile, e);
        }
    }

    static String date(LocalDate date) {
        return date.format(JAPANESE_DATE);
    }

    void centred(String text, float size) throws IOException {
        float textWidth = font.getStringWidth(text) / 1000 * size;
        y -= size;
        show(text, size, (width - textWidth) / 2);
        y -= size / 2;
    }

    void row(String label, String value) throws IOException {
        y -= 12;
        show(label, 11, MARGIN);
        show(value, 12, MARGIN + LABEL_WIDTH);
        y -= 10;
        content.setLineWidth(0.5f);
        content.moveTo(MARGIN, y);
        content.lineTo(width - MARGIN, y);
        content.stroke();
        y -= 6;
    }

    void text(String text, float size) throws IOException {
        y -= size + 4;
        show(text, size, MARGIN);
    }

    void gap(float points) {
        y -= points;
    }

    /**
     * A seal impression (印影) in vermilion: a circle with the carved characters written top to
     * bottom inside, to the right of the label.
     */
    void impression(String label, String carved) throws IOException {
        float radius = 34;
        float size = Math.min(24, 2 * radius * 0.8f / Math.max(1, carved.codePointCount(0, carved.length())));
        y -= 12;
        show(label, 11, MARGIN);
        float cx = MARGIN + LABEL_WIDTH + radius;
        float cy = y - radius + 10;
        content.setStrokingColor(0.85f, 0.2f, 0.1f);
        content.setNonStrokingColor(0.85f, 0.2f, 0.1f);
        content.setLineWidth(2.5f);
        circle(cx, cy, radius);
        content.stroke();
        int[] points = carved.codePoints().toArray();
        float top = cy + points.length * size / 2 - size * 0.85f;
        for (int i = 0; i < points.length; i++) {
            String character = new String(points, i, 1);
            float characterWidth = font.getStringWidth(character) / 1000 * size;
            float saved = y;
            y = top - i * size;
            show(character, size, cx - characterWidth / 2);
            y = saved;
        }
        content.setStrokingColor(0f, 0f, 0f);
        content.setNonStrokingColor(0f, 0f, 0f);
        y = cy - radius - 10;
    }

    private void circle(float cx, float cy, float r) throws IOException {
        float k = KAPPA * r;
        content.moveTo(cx + r, cy);
        content.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        content.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        content.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        content.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        content.closePath();
    }

    private void show(String text, float size, float x) throws IOException {
        text.codePoints().forEach(cp -> toUnicode.map(cmap.getGlyphId(cp), cp));
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }
}
