package io.dashcast.tools.jsonrpc;

/**
 * Decodes a request body's block hex while the body is still arriving, so that by its last byte
 * the block is decoded too. It looks for the first JSON string that opens with a block header's
 * worth of hex digits ({@value #MIN_DIGITS}), then decodes that string's digits as each chunk lands.
 * It only guesses: {@link RequestScan} takes the result only when Jackson's parse puts
 * {@code submitblock}'s first param at the same opening quote, and this reader saw nothing but hex
 * digits, an even number of them, up to the closing quote. Anything else (an escape, an odd count,
 * another string) abandons the guess, and the scan decodes as before. Owned by one body reader;
 * bounded work: each byte is looked at a fixed number of times.
 */
final class HexPrefetch
{
    /** Digits a string must open with to be taken for a block: its 80-byte header. */
    static final int MIN_DIGITS = 160;

    private final byte[] body;
    private final int bodyLength;
    private int searchFrom;
    private int quote = -1;
    private byte[] out;
    private int decoded;
    private int end = -1;
    private boolean abandoned;
    private boolean taken;

    /**
     * @param body the array the body is being read into.
     */
    HexPrefetch(final byte[] body)
    {
        this(body, body.length);
    }

    /**
     * @param body       the array the body is being read into, from offset 0.
     * @param bodyLength the body's bytes (the array may be longer).
     */
    HexPrefetch(final byte[] body, final int bodyLength)
    {
        this.body = body;
        this.bodyLength = bodyLength;
    }

    /**
     * Go on with the bytes that have arrived.
     *
     * @param filled bytes of the body present, from offset 0.
     */
    void advance(final int filled)
    {
        if (abandoned || end >= 0 || (quote < 0 && !find(filled)))
        {
            return;
        }
        final int from = quote + 1 + 2 * decoded;
        final int pairs = HexPairs.decode(body, from, filled, out, decoded);
        decoded += pairs;
        final int pos = from + 2 * pairs;
        if (pos < filled && RequestScan.hexValue(body[pos]) < 0)
        {
            // Not a digit where a pair starts: the closing quote ends it; anything else is not ours.
            if (body[pos] == '"')
            {
                end = pos;
            }
            else
            {
                abandoned = true;
            }
        }
        else if (pos + 1 < filled)
        {
            // A digit, then not one: an odd count or an escape.
            abandoned = true;
        }
    }

    /**
     * @param openingQuote the body offset of the opening quote of {@code submitblock}'s first param.
     * @return the array the block was decoded into while the body arrived, when it is exactly that
     * string's digits, else null; the block is its first {@link #blockLength()} bytes (the array was
     * sized from the body, a few bytes longer: not trimmed, a copy of up to 2 MiB saved).
     */
    byte[] blockAt(final int openingQuote)
    {
        if (quote != openingQuote || end < 0)
        {
            return null;
        }
        taken = true;
        return out;
    }

    /**
     * @return bytes of the block in {@link #blockAt}'s array.
     */
    int blockLength()
    {
        return decoded;
    }

    /**
     * @param block an array {@link RequestScan} took for a block.
     * @return its block's length: {@link #blockLength()} when it is this reader's array, else the whole array.
     */
    int lengthOf(final byte[] block)
    {
        return taken && block == out ? decoded : block.length;
    }

    /**
     * @return true when a whole string of hex digits was decoded: {@link #openingQuote()} to
     * {@link #closingQuote()}.
     */
    boolean complete()
    {
        return end >= 0;
    }

    /**
     * @return the body offset of the decoded string's opening quote (when {@link #complete()}).
     */
    int openingQuote()
    {
        return quote;
    }

    /**
     * @return the body offset of its closing quote (when {@link #complete()}).
     */
    int closingQuote()
    {
        return end;
    }

    /**
     * @return true once {@link #blockAt} handed the decoded block out.
     */
    boolean taken()
    {
        return taken;
    }

    private boolean find(final int filled)
    {
        for (int i = searchFrom; i < filled; i++)
        {
            if (body[i] != '"')
            {
                continue;
            }
            if (i + MIN_DIGITS >= filled)
            {
                // Not enough bytes yet to tell: look at this quote again with the next chunk.
                searchFrom = i;
                return false;
            }
            int j = i + 1;
            while (j <= i + MIN_DIGITS && RequestScan.hexValue(body[j]) >= 0)
            {
                j++;
            }
            if (j > i + MIN_DIGITS)
            {
                quote = i;
                out = new byte[(bodyLength - i - 1) / 2];
                return true;
            }
            // Bytes i + 1 .. j - 1 are digits, not quotes: the next candidate is at j at the earliest.
            i = j - 1;
        }
        searchFrom = filled;
        return false;
    }
}
