package io.patchflow.inventory.imports.formats;

import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a UTF-8 text, one at a time, with their numbers. Each line is decoded on its own, so bytes that are
 * not UTF-8 are refused naming their line rather than silently replaced; lines are bounded in length so that a file
 * without line breaks cannot fill memory. A byte order mark and CR of CRLF line ends are dropped.
 */
final class TextLines {

    /** Bytes in one line; generous for package lists, whose lines are under 200 bytes. */
    static final int MAX_LINE_LENGTH = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int number;
    private boolean ended;

    TextLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its line break, or null at the end. */
    String next() {
        if (ended) {
            return null;
        }
        number++;
        int length = 0;
        boolean terminated = false;
        while (!terminated) {
            if (position == limit && !fill()) {
                ended = true;
                if (length == 0) {
                    return null;
                }
                break;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (length + chunk > MAX_LINE_LENGTH) {
                throw new BadInputException(where(), "the line is longer than " + MAX_LINE_LENGTH + " bytes");
            }
            if (length + chunk > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (position < limit) {
                position++;
                terminated = true;
            }
        }
        return decode(length);
    }

    private String decode(int length) {
        int start = 0;
        if (number == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
            start = 3;
        }
        int end = length > start && line[length - 1] == '\r' ? length - 1 : length;
        try {
            return utf8.reset().decode(ByteBuffer.wrap(line, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(where(), "the text is not UTF-8");
        }
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buffer);
            } while (n == 0);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int number() {
        return number;
    }

    /** "line N": how errors name the current line. */
    String where() {
        return "line " + number;
    }
}
