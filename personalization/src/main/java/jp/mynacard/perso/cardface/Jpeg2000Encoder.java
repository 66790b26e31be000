package jp.mynacard.perso.cardface;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG 2000 (JP2 file format) through the jai-imageio plugin's "jpeg2000" ImageIO writer: lossy
 * 9/7 wavelet at a fixed bit rate, so the photo's size is known in advance whatever it shows.
 */
final class Jpeg2000Encoder {
    static final String FORMAT = "jpeg2000";

    private Jpeg2000Encoder() {
    }

    /** Encodes at {@code bitsPerPixel} (e.g. 2.0: a 96×128 image in about 3 KB). */
    static byte[] encode(BufferedImage image, double bitsPerPixel) {
        Iterator<ImageWriter> writers = javax.imageio.ImageIO.getImageWritersByFormatName(FORMAT);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG 2000 ImageIO writer: com.github.jai-imageio:jai-imageio-jpeg2000 is not on the class path");
        }
        ImageWriter writer = writers.next();
        J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
        param.setLossless(false);
        param.setFilter(J2KImageWriteParam.FILTER_97);
        param.setEncodingRate(bitsPerPixel);
        param.setWriteCodeStreamOnly(false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the face photo as JPEG 2000", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
