package io.patchflow.audit.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lines of text on A4 pages, wrapped and paged. Courier, so wrapping is a matter of counting characters. The
 * standard fonts know only Latin-1, so other characters are shown as '?' (the attached JSON keeps them exactly).
 */
final class PdfPages {

    private static final float MARGIN = 40;
    private static final float SIZE = 8;
    private static final float LEADING = 10;
    private static final int COLUMNS = (int) ((PDRectangle.A4.getWidth() - 2 * MARGIN) / (SIZE * 0.6f));

    private final PDDocument pdf;
    private final PDType1Font body = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.COURIER_BOLD);
    private final PDType1Font heading = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream stream;
    private float y;
    private int pageNumber;

    PdfPages(PDDocument pdf) throws IOException {
        this.pdf = pdf;
        newPage();
    }

    void heading(String text) throws IOException {
        keepTogether(3);
        write(heading, 12, text);
        y -= 6;
    }

    void line(String text) throws IOException {
        for (String part : wrap(printable(text), COLUMNS)) {
            write(body, SIZE, part);
        }
    }

    void bold(String text) throws IOException {
        for (String part : wrap(printable(text), COLUMNS)) {
            write(bold, SIZE, part);
        }
    }

    void small(String text) throws IOException {
        for (String part : wrap(printable(text), (int) (COLUMNS * SIZE / 6.5f))) {
            write(body, 6.5f, part);
        }
    }

    void gap() {
        y -= LEADING / 2;
    }

    /** Starts a new page unless {@code lines} more lines fit on this one. */
    void keepTogether(int lines) throws IOException {
        if (y - lines * LEADING < MARGIN) {
            newPage();
        }
    }

    void close() throws IOException {
        stream.close();
    }

    private void write(PDType1Font font, float size, String text) throws IOException {
        if (y - LEADING < MARGIN) {
            newPage();
        }
        y -= size == 12 ? 16 : LEADING;
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(MARGIN, y);
        stream.showText(text);
        stream.endText();
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        pdf.addPage(page);
        stream = new PDPageContentStream(pdf, page);
        pageNumber++;
        stream.beginText();
        stream.setFont(body, 6.5f);
        stream.newLineAtOffset(MARGIN, MARGIN / 2);
        stream.showText("Patchflow evidence pack - page " + pageNumber);
        stream.endText();
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** Latin-1 printable characters only; line breaks and tabs become spaces. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            boolean latin1 = (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFF);
            out.append(latin1 ? c : (c == '\n' || c == '\r' || c == '\t') ? ' ' : '?');
        }
        return out.toString();
    }

    static List<String> wrap(String text, int width) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            cut = cut < width / 2 ? width : cut;
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        parts.add(rest);
        return parts;
    }
}
