package io.patchflow.inventory.imports.formats;

import io.patchflow.shared.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a UTF-8 text, one at a time, with their numbers. Lines are bounded in length so that a file without
 * line breaks cannot fill memory, and bytes that are not UTF-8 are refused rather than silently replaced.
 */
final class TextLines {

    static final int MAX_LINE_LENGTH = 64 * 1024;

    private final Reader reader;
    private final StringBuilder line = new StringBuilder(128);
    private int number;
    private boolean ended;

    TextLines(InputStream in) {
        this.reader = new BufferedReader(strictUtf8(in), 64 * 1024);
    }

    static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The next line without its line break, or null at the end. */
    String next() {
        if (ended) {
            return null;
        }
        line.setLength(0);
        number++;
        try {
            int c;
            while ((c = reader.read()) >= 0 && c != '\n') {
                if (line.length() == MAX_LINE_LENGTH) {
                    throw new BadInputException(where(), "the line is longer than " + MAX_LINE_LENGTH
                            + " characters");
                }
                line.append((char) c);
            }
            if (c < 0) {
                ended = true;
                if (line.isEmpty()) {
                    return null;
                }
            }
        } catch (CharacterCodingException e) {
            throw new BadInputException(where(), "the text is not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line.deleteCharAt(0);
        }
        return line.toString();
    }

    int number() {
        return number;
    }

    /** "line N": how errors name the current line. */
    String where() {
        return "line " + number;
    }
}
