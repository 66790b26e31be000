package jp.mynacard.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.LocalDate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ResidenceCertificatePdfTest {

    @Test
    void theCertificateShowsTheResidentsFieldsAsExtractableJapaneseText() throws Exception {
        Resident hanako = ResidentRegister.sample().find(new HolderAttributes("番号　花子", LocalDate.of(1989, 3, 31),
                "female", "東京都千代田区霞が関二丁目１番２号")).orElseThrow();
        ResidenceCertificate certificate = new ResidenceCertificate("131016-20261123-000001", hanako, "東京都千代田区",
                LocalDate.of(2026, 11, 23), new BigInteger("1A2B3C4D5E6F7081", 16));
        byte[] pdf = new ResidenceCertificatePdf().render(certificate);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages());
            String text = new PDFTextStripper().getText(document);
            for (String expected : new String[] {"住民票の写し", "交付番号", "131016-20261123-000001", "番号　花子",
                    "1989年3月31日", "性別", "女", "東京都千代田区霞が関二丁目１番２号", "番号　太郎", "妻", "2015年4月1日",
                    "2026年11月23日", "東京都千代田区長", "シリアル番号 1A2B3C4D5E6F7081",
                    "issued through a kiosk after JPKI authentication (certificate serial 1A2B3C4D5E6F7081)"}) {
                assertTrue(text.contains(expected), "'" + expected + "' in:\n" + text);
            }
            PDFont font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            assertTrue(font.isEmbedded(), "the font travels with the document");
            assertTrue(font.getName().matches("[A-Z]{6}\\+IPAexGothic"), "a subset: " + font.getName());
        }
        assertTrue(pdf.length < 100_000, "a subset, not the whole 4 MB font: " + pdf.length + " bytes");
    }
}
