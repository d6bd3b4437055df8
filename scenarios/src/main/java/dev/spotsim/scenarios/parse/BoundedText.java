package dev.spotsim.scenarios.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input file as UTF-8 text, at most {@link #MAX_BYTES}: a device like {@code /dev/zero}
 * or a huge file is refused after reading one byte past the cap, and a byte that is not UTF-8 is
 * named by line and column.
 */
public final class BoundedText {
    /** Far above any real scenario or config (a few KiB), far below what parsing could not handle quickly. */
    public static final int MAX_BYTES = 1024 * 1024;

    private BoundedText() {
    }

    /** The file's text; an {@link InputException} naming the file for anything else. */
    public static String read(Path file) {
        byte[] bytes = bytes(file);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            int bad = in.position();
            throw new InputException(file + ":" + position(out) + ": not valid UTF-8 (byte 0x"
                    + String.format("%02X", bytes[bad] & 0xff) + " at offset " + bad + "); save the file as UTF-8");
        }
        utf8.flush(out);
        out.flip();
        return out.toString();
    }

    /** "line:column" just past {@code decoded}, the text before the bad byte. */
    private static String position(CharBuffer decoded) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < decoded.limit(); i++) {
            if (decoded.get(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return line + ":" + column;
    }

    private static byte[] bytes(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException(file + ": is a directory; expected a YAML or JSON file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InputException(file + ": larger than " + (MAX_BYTES / 1024) + " KiB; a scenario or config file is a few KiB");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(file + ": permission denied");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
