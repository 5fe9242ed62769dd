package io.patchflow.inventory.imports.formats;

import io.patchflow.shared.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of an RFC 4180 CSV text, one at a time: fields separated by commas, records by CRLF or LF, fields in
 * double quotes may hold commas, line breaks and doubled quotes. A quote inside an unquoted field or text after a
 * closing quote is refused rather than guessed at. Empty lines are skipped; fields are bounded in length.
 */
final class CsvRecords {

    static final int MAX_FIELD_LENGTH = 64 * 1024;
    static final int MAX_FIELDS = 64;
    private static final int NONE = -2;

    private final Reader reader;
    private int pushedBack = NONE;
    private int line = 1;
    private int recordLine;

    CsvRecords(InputStream in) {
        this.reader = new BufferedReader(TextLines.strictUtf8(in), 64 * 1024);
    }

    /** The line the last record started on. */
    int line() {
        return recordLine;
    }

    /** The next non-empty record, or null at the end of the text. */
    List<String> next() {
        try {
            List<String> record;
            do {
                record = record();
            } while (record != null && record.size() == 1 && record.get(0).isEmpty());
            return record;
        } catch (CharacterCodingException e) {
            throw new BadInputException("line " + line, "the text is not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> record() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (c == '"' && field.isEmpty() && !quoted) {
                quoted = true;
                quotedField(field);
                c = read();
                if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
                    throw new BadInputException("line " + line, "text after the closing quote of a field; a quote "
                            + "inside a quoted field is written as two quotes");
                }
                continue;
            }
            if (c == ',') {
                if (fields.size() == MAX_FIELDS) {
                    throw new BadInputException("line " + recordLine, "more than " + MAX_FIELDS + " fields");
                }
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == '\n' || c == '\r' || c < 0) {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        pushedBack = next;
                    }
                }
                if (c >= 0) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c == '"') {
                throw new BadInputException("line " + line, "a quote inside an unquoted field; put the whole field "
                        + "in quotes and double the quote");
            } else {
                append(field, c);
            }
            c = read();
        }
    }

    /** Reads a quoted field's content up to its closing quote. */
    private void quotedField(StringBuilder field) throws IOException {
        int start = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw new BadInputException("line " + start, "a quoted field is not closed");
            }
            if (c == '"') {
                int next = read();
                if (next != '"') {
                    pushedBack = next;
                    return;
                }
            } else if (c == '\n') {
                line++;
            }
            append(field, c);
        }
    }

    private void append(StringBuilder field, int c) {
        if (field.length() == MAX_FIELD_LENGTH) {
            throw new BadInputException("line " + line, "a field is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        field.append((char) c);
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        int c = reader.read();
        if (line == 1 && recordLine == 0 && c == '\uFEFF') {
            return reader.read();
        }
        return c;
    }
}
