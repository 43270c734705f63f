package io.edgedeck.views.history;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A chart written as PNG (pixels) or PDF (vectors), chosen by the file's extension. Any thread; AWT only. */
public final class ChartFiles {
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 800;

    private ChartFiles() {
    }

    /** Writes {@code chart} to {@code file}: .png or .pdf; anything else is refused in words. */
    public static void write(JFreeChart chart, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } else if (name.endsWith(".pdf")) {
            pdf(chart, file);
        } else {
            throw new IOException("choose a file name ending in .png or .pdf, not " + file.getFileName());
        }
    }

    private static void pdf(JFreeChart chart, Path file) throws IOException {
        float w = WIDTH / 2f;
        float h = HEIGHT / 2f;
        Document doc = new Document(new Rectangle(w, h), 0, 0, 0, 0);
        try (OutputStream out = Files.newOutputStream(file)) {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            doc.open();
            PdfContentByte cb = writer.getDirectContent();
            Graphics2D g = cb.createGraphicsShapes(w, h); // text as shapes: no font embedding needed
            try {
                chart.draw(g, new Rectangle2D.Double(0, 0, w, h));
            } finally {
                g.dispose();
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IOException("cannot write the PDF: " + e.getMessage(), e);
        }
    }
}
