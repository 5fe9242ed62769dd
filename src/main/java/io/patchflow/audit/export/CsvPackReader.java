package io.patchflow.audit.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows of a CSV pack back (RFC 4180; {@code #} lines are comments): an unquoted empty cell is null, a
 * quoted one is text with the writer's defusing apostrophe removed.
 */
final class CsvPackReader {

    private CsvPackReader() {
    }

    /** The data rows after the header, each a list of cells; a malformed file is an IllegalArgumentException. */
    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        int line = 1;
        boolean headerSeen = false;
        while (i < text.length()) {
            if (text.charAt(i) == '#') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
                line++;
                continue;
            }
            List<String> cells = new ArrayList<>();
            int startLine = line;
            while (true) {
                StringBuilder cell = new StringBuilder();
                boolean quoted = i < text.length() && text.charAt(i) == '"';
                if (quoted) {
                    i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw new IllegalArgumentException("line " + startLine + ": a quoted cell never ends");
                        }
                        char c = text.charAt(i++);
                        if (c == '"') {
                            if (i < text.length() && text.charAt(i) == '"') {
                                cell.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            cell.append(c);
                        }
                    }
                } else {
                    while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                        cell.append(text.charAt(i++));
                    }
                }
                cells.add(quoted ? undefused(cell.toString()) : cell.isEmpty() ? null : cell.toString());
                if (i >= text.length() || text.charAt(i) == '\n') {
                    i++;
                    line++;
                    break;
                }
                if (text.charAt(i) != ',') {
                    throw new IllegalArgumentException("line " + startLine + ": text after a quoted cell");
                }
                i++;
            }
            if (!headerSeen) {
                if (!CsvPackWriter.HEADER.equals(cells)) {
                    throw new IllegalArgumentException("line " + startLine + ": not the header of a Patchflow "
                            + "evidence CSV (" + String.join(",", CsvPackWriter.HEADER) + ")");
                }
                headerSeen = true;
            } else {
                if (cells.size() != CsvPackWriter.HEADER.size()) {
                    throw new IllegalArgumentException("line " + startLine + ": " + cells.size() + " cells, "
                            + CsvPackWriter.HEADER.size() + " expected");
                }
                rows.add(cells);
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException("no header line: not a Patchflow evidence CSV");
        }
        return rows;
    }

    private static String undefused(String text) {
        return text.startsWith("'") ? text.substring(1) : text;
    }
}
