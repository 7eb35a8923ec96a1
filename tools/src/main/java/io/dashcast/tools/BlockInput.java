package io.dashcast.tools;

import io.dashcast.protocol.Network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a serialized block given by a user, as hex text or raw bytes.
 * <p>
 * Input whose every byte is printable ASCII or whitespace is text and must be hex: ASCII
 * whitespace anywhere is ignored (so {@code xxd -p} output works), anything else is an error
 * naming the first bad character. Input holding any other byte is taken as the raw block. A real
 * block always holds such bytes (its version and hashes contain zero bytes), so a block cannot be
 * mistaken for text.
 */
public final class BlockInput
{
    /** Largest input read: a hex block at the P2P message limit, with room for line breaks. */
    public static final int MAX_INPUT_BYTES = 3 * Network.MAX_PROTOCOL_MESSAGE_LENGTH;

    private BlockInput()
    {
    }

    /**
     * Read a block from a file, or from {@code stdin} when the name is {@code -}.
     *
     * @param name  file name or {@code -}.
     * @param stdin standard input.
     * @return the block's bytes.
     * @throws BadInputException when the file cannot be read or does not hold hex or raw bytes.
     */
    public static byte[] read(final String name, final InputStream stdin)
    {
        final byte[] input = "-".equals(name) ? readStream(stdin, "standard input") : readFile(Path.of(name));
        return toBlockBytes(input);
    }

    /**
     * @param input hex text or raw bytes.
     * @return the block's bytes.
     * @throws BadInputException on empty input, odd-length hex or a non-hex character in text.
     */
    public static byte[] toBlockBytes(final byte[] input)
    {
        if (isText(input))
        {
            return parseHex(input);
        }
        if (input.length > Network.MAX_PROTOCOL_MESSAGE_LENGTH)
        {
            throw tooLarge(input.length);
        }
        return input;
    }

    private static boolean isText(final byte[] input)
    {
        for (final byte b : input)
        {
            if (!(b >= 0x20 && b < 0x7f) && !isWhitespace(b))
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] parseHex(final byte[] text)
    {
        final byte[] digits = new byte[text.length];
        int count = 0;
        for (int i = 0; i < text.length; i++)
        {
            final byte b = text[i];
            if (isWhitespace(b))
            {
                continue;
            }
            if (Character.digit(b, 16) < 0)
            {
                throw new BadInputException("not hex: '" + (char)b + "' at offset " + i
                    + " (give the block as hex digits or as raw bytes)");
            }
            digits[count++] = b;
        }
        if (count == 0)
        {
            throw new BadInputException("empty input: no block given");
        }
        if ((count & 1) != 0)
        {
            throw new BadInputException("odd number of hex digits (" + count + "): a byte is two digits");
        }
        if (count / 2 > Network.MAX_PROTOCOL_MESSAGE_LENGTH)
        {
            throw tooLarge(count / 2);
        }
        final byte[] bytes = new byte[count / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(Character.digit(digits[2 * i], 16) << 4 | Character.digit(digits[2 * i + 1], 16));
        }
        return bytes;
    }

    private static boolean isWhitespace(final byte b)
    {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0x0b;
    }

    private static byte[] readFile(final Path path)
    {
        if (Files.isDirectory(path))
        {
            throw new BadInputException(path + ": is a directory, not a block file");
        }
        try (InputStream in = Files.newInputStream(path))
        {
            return readStream(in, path.toString());
        }
        catch (final NoSuchFileException ex)
        {
            throw new BadInputException(path + ": no such file");
        }
        catch (final IOException ex)
        {
            throw new BadInputException(path + ": cannot read: " + ex.getMessage());
        }
    }

    private static byte[] readStream(final InputStream in, final String name)
    {
        try
        {
            final byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
            if (bytes.length > MAX_INPUT_BYTES)
            {
                throw new BadInputException(name + ": more than " + MAX_INPUT_BYTES
                    + " bytes; a Dash block is at most " + Network.MAX_PROTOCOL_MESSAGE_LENGTH + " bytes");
            }
            return bytes;
        }
        catch (final IOException ex)
        {
            throw new BadInputException(name + ": cannot read: " + ex.getMessage());
        }
    }

    private static BadInputException tooLarge(final int length)
    {
        return new BadInputException("block of " + length + " bytes exceeds the P2P message limit of "
            + Network.MAX_PROTOCOL_MESSAGE_LENGTH + " bytes");
    }
}
