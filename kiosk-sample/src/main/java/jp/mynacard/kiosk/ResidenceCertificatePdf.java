package jp.mynacard.kiosk;

import java.io.IOException;
import java.nio.file.Path;

/** Draws a {@link ResidenceCertificate} as a one-page A4 PDF ({@link CertificatePage}). */
public final class ResidenceCertificatePdf {
    private final Path fontFile;

    /** With the font of {@link JapaneseFont#locate()}. */
    public ResidenceCertificatePdf() {
        this(JapaneseFont.locate());
    }

    public ResidenceCertificatePdf(Path fontFile) {
        this.fontFile = fontFile;
    }

    Path fontFile() {
        return fontFile;
    }

    public byte[] render(ResidenceCertificate certificate) {
        return CertificatePage.render(fontFile, "住民票の写し " + certificate.documentNumber(),
                certificate.municipality() + "長", page -> draw(page, certificate));
    }

    private static void draw(CertificatePage page, ResidenceCertificate c) throws IOException {
        Resident r = c.resident();
        page.centred("住民票の写し", 22);
        page.gap(10);
        page.row("交付番号", c.documentNumber());
        page.gap(8);
        page.row("氏名", r.name());
        page.row("生年月日", CertificatePage.date(r.birthDate()));
        page.row("性別", r.sexInJapanese());
        page.row("住所", r.address());
        page.row("世帯主", r.householder());
        page.row("続柄", r.relationship());
        page.row("住民となった年月日", CertificatePage.date(r.residentSince()));
        page.gap(20);
        page.text("この写しは、住民票の原本と相違ないことを証明する。", 11);
        page.gap(8);
        page.text(CertificatePage.date(c.issuedOn()), 11);
        page.text(c.municipality() + "長", 13);
        page.gap(28);
        page.text("この証明書は、公的個人認証サービスの利用者証明用電子証明書（シリアル番号 " + c.serialHex() + "）", 9);
        page.text("による本人確認の上、証明書交付端末（コンビニ交付）で交付しました。", 9);
        page.text("This was issued through a kiosk after JPKI authentication (certificate serial " + c.serialHex() + ").", 9);
    }
}
