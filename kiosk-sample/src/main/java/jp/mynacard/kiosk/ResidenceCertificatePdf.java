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
 * Draws a {@link ResidenceCertificate} as a one-page A4 PDF, with the subset of the Japanese font
 * it uses embedded (so any viewer shows it) and text that extracts as written.
 */
public final class ResidenceCertificatePdf {
    private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPAN);
    private static final float MARGIN = 60;
    private static final float LABEL_WIDTH = 130;

    private final Path fontFile;

    /** With the font of {@link JapaneseFont#locate()}. */
    public ResidenceCertificatePdf() {
        this(JapaneseFont.locate());
    }

    public ResidenceCertificatePdf(Path fontFile) {
        this.fontFile = fontFile;
    }

    public byte[] render(ResidenceCertificate certificate) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(fontFile.toFile()));
             PDDocument document = new PDDocument()) {
            PDType0Font font = PDType0Font.load(document, ttf, true);
            Page page = new Page(document, font, ttf.getUnicodeCmapLookup());
            draw(page, certificate);
            page.close();
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("住民票の写し " + certificate.documentNumber());
            info.setAuthor(certificate.municipality() + "長");
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

    private static void draw(Page page, ResidenceCertificate c) throws IOException {
        Resident r = c.resident();
        page.centred("住民票の写し", 22);
        page.gap(10);
        page.row("交付番号", c.documentNumber());
        page.gap(8);
        page.row("氏名", r.name());
        page.row("生年月日", date(r.birthDate()));
        page.row("性別", r.sexInJapanese());
        page.row("住所", r.address());
        page.row("世帯主", r.householder());
        page.row("続柄", r.relationship());
        page.row("住民となった年月日", date(r.residentSince()));
        page.gap(20);
        page.text("この写しは、住民票の原本と相違ないことを証明する。", 11);
        page.gap(8);
        page.text(date(c.issuedOn()), 11);
        page.text(c.municipality() + "長", 13);
        page.gap(28);
        page.text("この証明書は、公的個人認証サービスの利用者証明用電子証明書（シリアル番号 " + c.serialHex() + "）", 9);
        page.text("による本人確認の上、証明書交付端末（コンビニ交付）で交付しました。", 9);
        page.text("This was issued through a kiosk after JPKI authentication (certificate serial " + c.serialHex() + ").", 9);
    }

    private static String date(LocalDate date) {
        return date.format(JAPANESE_DATE);
    }

    /** A page being written top to bottom, recording which character each drawn glyph stands for. */
    private static final class Page {
        private final PDType0Font font;
        private final CmapLookup cmap;
        private final PDPageContentStream content;
        private final float width;
        private final ToUnicodeCMap toUnicode = new ToUnicodeCMap();
        private float y;

        Page(PDDocument document, PDType0Font font, CmapLookup cmap) throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            this.font = font;
            this.cmap = cmap;
            this.content = new PDPageContentStream(document, page);
            this.width = page.getMediaBox().getWidth();
            this.y = page.getMediaBox().getHeight() - MARGIN;
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

        private void show(String text, float size, float x) throws IOException {
            text.codePoints().forEach(cp -> toUnicode.map(cmap.getGlyphId(cp), cp));
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        }

        void close() throws IOException {
            content.close();
        }
    }
}
