import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws EdgeDeck's icon -- an ESP32-style chip with a lightning bolt on a teal rounded square -- and writes it as
 * PNG (Linux), ICO (Windows, PNG-compressed entries) and ICNS (macOS, PNG entries), so one drawing feeds every
 * installer. Run from the repository root: {@code java installers/icon/DrawIcon.java installers/icon}
 */
public final class DrawIcon {

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        ImageIO.write(draw(256), "png", out.resolve("edgedeck.png").toFile());
        Files.write(out.resolve("edgedeck.ico"), ico(16, 32, 48, 256));
        Files.write(out.resolve("edgedeck.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        // background: rounded square, teal to deep blue
        g.setPaint(new GradientPaint(0, 0, new Color(0x14, 0xB8, 0xA6), 256, 256, new Color(0x1E, 0x3A, 0x8A)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        // chip body with pins on all four sides
        Color pin = new Color(0xE2, 0xE8, 0xF0);
        g.setColor(pin);
        for (int i = 0; i < 4; i++) {
            double p = 84 + i * 26;
            g.fill(new RoundRectangle2D.Double(p, 40, 12, 28, 6, 6));   // top
            g.fill(new RoundRectangle2D.Double(p, 188, 12, 28, 6, 6));  // bottom
            g.fill(new RoundRectangle2D.Double(40, p, 28, 12, 6, 6));   // left
            g.fill(new RoundRectangle2D.Double(188, p, 28, 12, 6, 6));  // right
        }
        g.setColor(new Color(0x0F, 0x17, 0x2A));
        g.fill(new RoundRectangle2D.Double(60, 60, 136, 136, 22, 22));
        g.setColor(pin);
        g.setStroke(new BasicStroke(4f));
        g.draw(new RoundRectangle2D.Double(60, 60, 136, 136, 22, 22));

        // lightning bolt: power and flashing
        Path2D bolt = new Path2D.Double();
        bolt.moveTo(138, 74);
        bolt.lineTo(96, 136);
        bolt.lineTo(124, 136);
        bolt.lineTo(114, 182);
        bolt.lineTo(160, 116);
        bolt.lineTo(131, 116);
        bolt.closePath();
        g.setColor(new Color(0xFA, 0xCC, 0x15));
        g.fill(bolt);
        g.dispose();
        return img;
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", b);
        return b.toByteArray();
    }

    /** ICO with PNG-compressed images (Windows Vista and later). */
    static byte[] ico(int... sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        LittleEndian le = new LittleEndian(b);
        le.u16(0).u16(1).u16(sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int i = 0; i < sizes.length; i++) {
            int s = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256
            b.write(s);
            b.write(s);
            b.write(0); // no palette
            b.write(0);
            le.u16(1).u16(32).u32(images[i].length).u32(offset);
            offset += images[i].length;
        }
        for (byte[] image : images) {
            b.write(image);
        }
        return b.toByteArray();
    }

    /** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
    static byte[] icns() throws IOException {
        String[] types = {"ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {128, 256, 512, 1024};
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(entries);
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(sizes[i]);
            e.writeBytes(types[i]);
            e.writeInt(8 + p.length);
            e.write(p);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(all);
        a.writeBytes("icns");
        a.writeInt(8 + entries.size());
        a.write(entries.toByteArray());
        return all.toByteArray();
    }

    private record LittleEndian(ByteArrayOutputStream out) {
        LittleEndian u16(int v) {
            out.write(v & 0xFF);
            out.write((v >>> 8) & 0xFF);
            return this;
        }

        LittleEndian u32(int v) {
            return u16(v & 0xFFFF).u16(v >>> 16);
        }
    }
}
