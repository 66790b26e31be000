package jp.mynacard.perso.cardface;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Random;
import jp.mynacard.model.holder.Holder;

/**
 * A stand-in face photo: a greyscale head-and-shoulders drawing, procedurally generated and the
 * same every time for the same holder (seeded from name, birth date and sex), so test cards
 * carry a plausible photo without anyone's likeness or a copyrighted image.
 */
final class PortraitGenerator {
    /** Real card photos are small greyscale images; 3:4 like the printed 35×45 mm photo. */
    static final int WIDTH = 120;
    static final int HEIGHT = 160;
    /** The drawing's own coordinates, scaled to the image. */
    private static final double DRAW_WIDTH = 96;
    private static final double DRAW_HEIGHT = 128;

    private PortraitGenerator() {
    }

    static BufferedImage portrait(Holder holder) {
        Random random = new Random(seed(holder));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(WIDTH / DRAW_WIDTH, HEIGHT / DRAW_HEIGHT);
            draw(g, random);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void draw(Graphics2D g, Random random) {
        // plain studio background, lighter at the top
        int backdrop = 200 + random.nextInt(40);
        g.setPaint(new GradientPaint(0, 0, grey(backdrop), 0, (float) DRAW_HEIGHT, grey(backdrop - 30)));
        g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, DRAW_WIDTH, DRAW_HEIGHT));

        double cx = DRAW_WIDTH / 2.0 + random.nextInt(5) - 2;
        double headW = 44 + random.nextInt(9);
        double headH = headW * (1.22 + random.nextDouble() * 0.12);
        double headTop = 20 + random.nextInt(6);
        int skin = 150 + random.nextInt(60);
        int hair = 20 + random.nextInt(70);
        int clothes = 30 + random.nextInt(140);

        // shoulders and collar
        double shoulderY = headTop + headH + 8;
        Path2D body = new Path2D.Double();
        body.moveTo(0, DRAW_HEIGHT);
        body.curveTo(0, shoulderY + 14, cx - 38, shoulderY, cx - 14, shoulderY - 2);
        body.lineTo(cx + 14, shoulderY - 2);
        body.curveTo(cx + 38, shoulderY, DRAW_WIDTH, shoulderY + 14, DRAW_WIDTH, DRAW_HEIGHT);
        body.closePath();
        g.setColor(grey(clothes));
        g.fill(body);
        // neck
        g.setColor(grey(skin - 18));
        g.fill(new java.awt.geom.Rectangle2D.Double(cx - headW * 0.2, headTop + headH * 0.8, headW * 0.4, shoulderY - headTop - headH * 0.8 + 4));
        Path2D collar = new Path2D.Double();
        collar.moveTo(cx - 12, shoulderY - 2);
        collar.lineTo(cx, shoulderY + 12);
        collar.lineTo(cx + 12, shoulderY - 2);
        g.setColor(grey(Math.min(255, clothes + 90)));
        g.setStroke(new BasicStroke(2f));
        g.draw(collar);

        // hair behind the head (long styles fall to the shoulders)
        boolean longHair = random.nextBoolean();
        g.setColor(grey(hair));
        if (longHair) {
            g.fill(new Ellipse2D.Double(cx - headW * 0.62, headTop - 4, headW * 1.24, headH * 1.05));
        }
        // ears, face
        g.setColor(grey(skin - 10));
        g.fill(new Ellipse2D.Double(cx - headW / 2 - 4, headTop + headH * 0.42, 9, 15));
        g.fill(new Ellipse2D.Double(cx + headW / 2 - 5, headTop + headH * 0.42, 9, 15));
        g.setPaint(new GradientPaint((float) (cx - headW / 2), 0, grey(skin), (float) (cx + headW / 2), 0, grey(skin - 22)));
        g.fill(new Ellipse2D.Double(cx - headW / 2, headTop, headW, headH));
        // hair on top
        g.setColor(grey(hair));
        double fringe = headH * (0.22 + random.nextDouble() * 0.12);
        g.fill(new Arc2D.Double(cx - headW / 2 - 2, headTop - 5, headW + 4, fringe * 2 + 6, 0, 180, Arc2D.CHORD));
        if (random.nextBoolean()) {
            // a parting
            g.setColor(grey(Math.min(255, hair + 25)));
            g.setStroke(new BasicStroke(1f));
            double part = cx + (random.nextDouble() - 0.5) * headW * 0.5;
            g.draw(new java.awt.geom.Line2D.Double(part, headTop - 3, part + 2, headTop + fringe * 0.8));
        }

        // features
        double eyeY = headTop + headH * (0.45 + random.nextDouble() * 0.05);
        double eyeGap = headW * (0.19 + random.nextDouble() * 0.05);
        double eyeW = 6 + random.nextInt(3);
        g.setColor(grey(Math.max(0, hair - 10)));
        g.setStroke(new BasicStroke(1.6f));
        double browLift = 5 + random.nextInt(3);
        for (int side = -1; side <= 1; side += 2) {
            double ex = cx + side * eyeGap;
            g.draw(new java.awt.geom.Line2D.Double(ex - eyeW * 0.7, eyeY - browLift, ex + eyeW * 0.7, eyeY - browLift - side * 0.5));
            g.setColor(grey(240));
            g.fill(new Ellipse2D.Double(ex - eyeW / 2, eyeY - 2, eyeW, 4));
            g.setColor(grey(25));
            g.fill(new Ellipse2D.Double(ex - 1.6, eyeY - 1.6, 3.2, 3.2));
            g.setColor(grey(Math.max(0, hair - 10)));
        }
        g.setColor(grey(skin - 40));
        g.setStroke(new BasicStroke(1.2f));
        double noseY = eyeY + headH * 0.2;
        Path2D nose = new Path2D.Double();
        nose.moveTo(cx - 1, eyeY + 4);
        nose.lineTo(cx - 3, noseY);
        nose.lineTo(cx + 2, noseY + 1);
        g.draw(nose);
        double mouthY = noseY + headH * (0.12 + random.nextDouble() * 0.04);
        double mouthW = headW * (0.28 + random.nextDouble() * 0.1);
        g.setColor(grey(Math.max(0, skin - 70)));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(new Arc2D.Double(cx - mouthW / 2, mouthY - 4, mouthW, 6 + random.nextInt(3), 200, 140, Arc2D.OPEN));
    }

    private static Color grey(int level) {
        int value = Math.max(0, Math.min(255, level));
        return new Color(value, value, value);
    }

    private static long seed(Holder holder) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(holder.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(holder.birthDate().toString().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(holder.sex().word().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
