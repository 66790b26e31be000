package jp.mynacard.kiosk;

import java.io.IOException;
import java.nio.file.Path;

/** Draws a {@link SealCertificate} (印鑑登録証明書) as a one-page A4 PDF with the registered impression. */
public final class SealCertificatePdf {
    private final Path fontFile;

    public SealCertificatePdf() {
        this(JapaneseFont.locate());
    }

    public SealCertificatePdf(Path fontFile) {
        this.fontFile = fontFile;
    }

    public byte[] render(SealCertificate certificate) {
        return CertificatePage.render(fontFile, "印鑑登録証明書 " + certificate.documentNumber(),
                certificate.municipality() + "長", page -> draw(page, certificate));
    }

    private static void draw(CertificatePage page, SealCertificate c) throws IOException {
        Resident r = c.resident();
        page.centred("印鑑登録証明書", 22);
        page.gap(10);
        page.row("交付番号", c.documentNumber());
        page.gap(8);
        page.impression("印影", c.registration().impression());
        page.row("氏名", r.name());
        page.row("生年月日", CertificatePage.date(r.birthDate()));
        page.row("住所", r.address());
        page.row("登録番号", c.registration().number());
        page.row("登録年月日", CertificatePage.date(c.registration().registeredOn()));
        page.gap(20);
        page.text("この写しは、登録されている印影と相違ないことを証明する。", 11);
        page.gap(8);
        page.text(CertificatePage.date(c.issuedOn()), 11);
        page.text(c.municipality() + "長", 13);
        page.gap(28);
        page.text("利用者証明用電子証明書（シリアル番号 " + c.serialHex() + "）による本人確認と、", 9);
        page.text("個人番号カードの空き領域に記録された印鑑登録証の読み取りの上、証明書交付端末で交付しました。", 9);
        page.text("Issued at a kiosk after JPKI authentication (certificate serial " + c.serialHex()
                + ") and reading the seal-registration card in the card's free area.", 9);
    }
}
