package io.dashcast.tools.jsonrpc;

import java.util.Arrays;

/**
 * A request body in the chunked transfer coding (RFC 9112, section 7.1), taken apart as its bytes
 * arrive into one array that grows up to the gateway's body bound: chunk sizes in hex, extensions
 * ignored, lines ending in CRLF or a bare LF, trailer fields read and dropped. A bad size line or a
 * chunk not followed by its line end is refused with 400, a body over the bound with 413, a size
 * line or trailer beyond {@link RequestHead#MAX_BYTES} with 431. Pools send a Content-Length; this
 * is for any other client dashd itself would serve.
 */
final class ChunkedBody
{
    private static final int SIZE = 0;
    private static final int DATA = 1;
    private static final int DATA_END = 2;
    private static final int TRAILER = 3;
    private static final int DONE = 4;

    private final int maxBytes;
    private byte[] body = new byte[8 * 1024];
    private int length;
    private int state = SIZE;
    private long chunkLeft;
    private long size;
    private boolean sizeDigits;
    private boolean extension;
    private int lineBytes;
    private int trailerBytes;
    private int refusal;

    /**
     * @param maxBytes the body bound.
     */
    ChunkedBody(final int maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    /**
     * Take what is there.
     *
     * @param buf  bytes read.
     * @param from first one.
     * @param to   one past the last.
     * @return where this body's bytes end in {@code buf}: at {@code to}, or earlier when the body is
     * {@link #done()} (what follows is the next request) or refused.
     */
    int feed(final byte[] buf, final int from, final int to)
    {
        int i = from;
        while (i < to && state != DONE && refusal == 0)
        {
            if (state == DATA)
            {
                final int n = (int)Math.min(chunkLeft, to - i);
                System.arraycopy(buf, i, body, length, n);
                length += n;
                chunkLeft -= n;
                i += n;
                if (chunkLeft == 0)
                {
                    state = DATA_END;
                }
                continue;
            }
            final byte b = buf[i++];
            switch (state)
            {
                case SIZE -> sizeLine(b);
                case DATA_END ->
                {
                    if (b == '\n')
                    {
                        lineBytes = 0;
                        state = SIZE;
                    }
                    else if (b != '\r' || lineBytes++ > 0)
                    {
                        refusal = 400;
                    }
                }
                default -> trailer(b);
            }
        }
        return i;
    }

    private void sizeLine(final byte b)
    {
        if (++lineBytes > RequestHead.MAX_BYTES)
        {
            refusal = 431;
            return;
        }
        if (b == '\n')
        {
            if (!sizeDigits)
            {
                refusal = 400;
                return;
            }
            lineBytes = 0;
            if (size == 0)
            {
                state = TRAILER;
                return;
            }
            if (size > maxBytes - length)
            {
                refusal = 413;
                return;
            }
            if (length + size > body.length)
            {
                body = Arrays.copyOf(body, (int)Math.min(maxBytes, Math.max(length + size, 2L * body.length)));
            }
            chunkLeft = size;
            size = 0;
            sizeDigits = false;
            extension = false;
            state = DATA;
            return;
        }
        if (extension || b == '\r')
        {
            return;
        }
        if (b == ';' || b == ' ' || b == '\t')
        {
            extension = sizeDigits;
            refusal = sizeDigits ? 0 : 400;
            return;
        }
        final int digit = RequestScan.hexValue(b);
        if (digit < 0 || size > maxBytes)
        {
            refusal = digit < 0 ? 400 : 413;
            return;
        }
        size = size << 4 | digit;
        sizeDigits = true;
    }

    private void trailer(final byte b)
    {
        if (++trailerBytes > RequestHead.MAX_BYTES)
        {
            refusal = 431;
            return;
        }
        if (b == '\n')
        {
            if (lineBytes == 0)
            {
                state = DONE;
            }
            lineBytes = 0;
        }
        else if (b != '\r')
        {
            lineBytes++;
        }
    }

    /**
     * @return true once the last chunk and the trailer have come.
     */
    boolean done()
    {
        return state == DONE;
    }

    /**
     * @return the status to refuse the request with, 0 while it is fine.
     */
    int refusal()
    {
        return refusal;
    }

    /**
     * @return the whole body (when {@link #done()}).
     */
    byte[] body()
    {
        return length == body.length ? body : Arrays.copyOf(body, length);
    }
}
