package io.patchflow.inventory.imports.formats;

import io.patchflow.shared.BadInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of an RFC 4180 CSV text, one at a time: fields separated by commas, records by CRLF or LF, fields in
 * double quotes may hold commas, line breaks and doubled quotes. A quote inside an unquoted field or text after a
 * closing quote is refused rather than guessed at. Empty lines are skipped; fields and records are bounded.
 */
final class CsvRecords {

    static final int MAX_FIELD_LENGTH = 64 * 1024;
    static final int MAX_FIELDS = 64;
    private static final int END = -1;

    private final TextLines lines;
    private String current;
    private int index;
    private int recordLine;

    CsvRecords(InputStream in) {
        this.lines = new TextLines(in);
    }

    /** The line the last record started on. */
    int line() {
        return recordLine;
    }

    /** The next non-empty record, or null at the end of the text. */
    List<String> next() {
        List<String> record;
        do {
            record = record();
        } while (record != null && record.size() == 1 && record.get(0).isEmpty());
        return record;
    }

    private List<String> record() {
        int c = read();
        if (c == END) {
            return null;
        }
        recordLine = lines.number();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.isEmpty()) {
                quotedField(field);
                c = read();
                if (c != ',' && c != '\n' && c != END) {
                    throw new BadInputException(lines.where(), "text after the closing quote of a field; a quote "
                            + "inside a quoted field is written as two quotes");
                }
            }
            if (c == ',' || c == '\n' || c == END) {
                if (fields.size() == MAX_FIELDS) {
                    throw new BadInputException("line " + recordLine, "more than " + MAX_FIELDS + " fields");
                }
                fields.add(field.toString());
                field.setLength(0);
                if (c != ',') {
                    return fields;
                }
            } else if (c == '"') {
                throw new BadInputException(lines.where(), "a quote inside an unquoted field; put the whole field "
                        + "in quotes and double the quote");
            } else {
                append(field, c);
            }
            c = read();
        }
    }

    /** Reads a quoted field's content up to its closing quote; the field may span lines. */
    private void quotedField(StringBuilder field) {
        int start = lines.number();
        while (true) {
            int c = read();
            if (c == END) {
                throw new BadInputException("line " + start, "a quoted field is not closed");
            }
            if (c == '"') {
                if (peek() != '"') {
                    return;
                }
                read();
            }
            append(field, c);
        }
    }

    private void append(StringBuilder field, int c) {
        if (field.length() == MAX_FIELD_LENGTH) {
            throw new BadInputException(lines.where(), "a field is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        field.append((char) c);
    }

    /** The next character; each line ends in '\n', whether or not the text's last line has one. */
    private int read() {
        int c = peek();
        if (c != END) {
            index++;
        }
        return c;
    }

    private int peek() {
        if (current == null || index > current.length()) {
            current = lines.next();
            index = 0;
            if (current == null) {
                return END;
            }
        }
        return index == current.length() ? '\n' : current.charAt(index);
    }
}
