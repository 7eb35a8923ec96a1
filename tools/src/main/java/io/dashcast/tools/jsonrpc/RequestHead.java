package io.dashcast.tools.jsonrpc;

import java.nio.charset.StandardCharsets;

/**
 * The head of one HTTP/1.x request (request line and header fields) as the gateway reads it: only
 * what it acts on, strictly. Lines may end in CRLF or a bare LF (yiimp and ckpool send bare LFs);
 * empty lines before the request line are skipped. Anything else out of the grammar is refused with
 * the status to answer: a bad line 400, a head over {@link #MAX_BYTES} 431, another HTTP version
 * 505, a transfer coding other than chunked 501, an unknown expectation 417, and a Content-Length
 * beside a Transfer-Encoding 400 (the request-smuggling shape). One per connection,
 * reused request after request.
 */
final class RequestHead
{
    /** A head longer than this is refused with 431 (Jetty's and most servers' default). */
    static final int MAX_BYTES = 8 * 1024;
    /** {@link #parse} found no end of head yet. */
    static final int INCOMPLETE = -1;
    /** Bit set for each byte that may be in a token (RFC 9110 tchar). */
    private static final boolean[] TCHAR = new boolean[256];

    static
    {
        for (int b = '0'; b <= '9'; b++)
        {
            TCHAR[b] = true;
        }
        for (int b = 'A'; b <= 'Z'; b++)
        {
            TCHAR[b] = true;
            TCHAR[b + 32] = true;
        }
        for (final char c : "!#$%&'*+-.^_`|~".toCharArray())
        {
            TCHAR[c] = true;
        }
    }

    private String method;
    private String path;
    private int minorVersion;
    private long contentLength;
    private boolean transferEncoding;
    private boolean chunked;
    private boolean expectContinue;
    private boolean close;
    private boolean keepAlive;
    private String authorization;
    private String dryRunToken;
    private int refusal;
    private String refusalReason;

    /**
     * Parse the head at the start of {@code buf}.
     *
     * @param buf    the bytes read.
     * @param length how many of them.
     * @return the head's length (the body starts there), or {@link #INCOMPLETE}; when it returns a
     * length, {@link #refusal()} says whether the request is refused.
     */
    int parse(final byte[] buf, final int length)
    {
        int start = 0;
        while (start < length && (buf[start] == '\r' || buf[start] == '\n'))
        {
            start++;
        }
        final int end = endOfHead(buf, start, length);
        if (end == INCOMPLETE)
        {
            if (length >= MAX_BYTES)
            {
                reset();
                refuse(431, "request head over " + MAX_BYTES + " bytes");
                return length;
            }
            return INCOMPLETE;
        }
        reset();
        int lineStart = start;
        boolean first = true;
        while (lineStart < end && refusal == 0)
        {
            int lineEnd = lineStart;
            while (buf[lineEnd] != '\n')
            {
                lineEnd++;
            }
            final int next = lineEnd + 1;
            if (lineEnd > lineStart && buf[lineEnd - 1] == '\r')
            {
                lineEnd--;
            }
            if (lineEnd == lineStart)
            {
                break;
            }
            if (first)
            {
                requestLine(buf, lineStart, lineEnd);
                first = false;
            }
            else
            {
                field(buf, lineStart, lineEnd);
            }
            lineStart = next;
        }
        if (refusal == 0 && transferEncoding)
        {
            if (contentLength >= 0)
            {
                refuse(400, "both Content-Length and Transfer-Encoding");
            }
            else if (!chunked)
            {
                refuse(501, "only the chunked transfer coding is understood");
            }
        }
        return end;
    }

    private static int endOfHead(final byte[] buf, final int from, final int length)
    {
        for (int i = from; i < length; i++)
        {
            if (buf[i] == '\n')
            {
                if (i + 1 < length && buf[i + 1] == '\n')
                {
                    return i + 2;
                }
                if (i + 2 < length && buf[i + 1] == '\r' && buf[i + 2] == '\n')
                {
                    return i + 3;
                }
            }
        }
        return INCOMPLETE;
    }

    private void requestLine(final byte[] buf, final int from, final int to)
    {
        int i = tokenEnd(buf, from, to);
        if (i == from || i >= to || buf[i] != ' ')
        {
            refuse(400, "bad request line");
            return;
        }
        method = new String(buf, from, i - from, StandardCharsets.US_ASCII);
        final int targetStart = ++i;
        while (i < to && buf[i] > ' ' && buf[i] < 0x7f)
        {
            i++;
        }
        if (i == targetStart || i >= to || buf[i] != ' ')
        {
            refuse(400, "bad request target");
            return;
        }
        path = path(buf, targetStart, i);
        if (path == null)
        {
            refuse(400, "bad request target");
            return;
        }
        final int version = i + 1;
        if (to - version != 8 || !startsWith(buf, version, "HTTP/") || buf[version + 6] != '.' ||
            !isDigit(buf[version + 5]) || !isDigit(buf[version + 7]))
        {
            refuse(400, "bad HTTP version");
            return;
        }
        if (buf[version + 5] != '1')
        {
            refuse(505, "HTTP/1.x only");
            return;
        }
        minorVersion = buf[version + 7] - '0';
    }

    /** The target's path (origin form up to '?', or the path of an absolute form), null when neither. */
    private static String path(final byte[] buf, final int from, final int to)
    {
        int start = from;
        if (buf[from] != '/')
        {
            final int scheme = startsWith(buf, from, "http://") ? 7 : startsWith(buf, from, "https://") ? 8 : -1;
            if (scheme < 0)
            {
                return null;
            }
            start = from + scheme;
            while (start < to && buf[start] != '/' && buf[start] != '?')
            {
                start++;
            }
            if (start == to || buf[start] == '?')
            {
                return "/";
            }
        }
        int end = start;
        while (end < to && buf[end] != '?' && buf[end] != '#')
        {
            end++;
        }
        return new String(buf, start, end - start, StandardCharsets.US_ASCII);
    }

    private void field(final byte[] buf, final int from, final int to)
    {
        final int colon = tokenEnd(buf, from, to);
        if (colon == from || colon >= to || buf[colon] != ':')
        {
            refuse(400, "bad header line");
            return;
        }
        int valueStart = colon + 1;
        int valueEnd = to;
        while (valueStart < valueEnd && (buf[valueStart] == ' ' || buf[valueStart] == '\t'))
        {
            valueStart++;
        }
        while (valueEnd > valueStart && (buf[valueEnd - 1] == ' ' || buf[valueEnd - 1] == '\t'))
        {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++)
        {
            final int b = buf[i] & 0xff;
            if (b < ' ' && b != '\t' || b == 0x7f)
            {
                refuse(400, "bad header value");
                return;
            }
        }
        final int nameLength = colon - from;
        if (named(buf, from, nameLength, "content-length"))
        {
            contentLength(buf, valueStart, valueEnd);
        }
        else if (named(buf, from, nameLength, "transfer-encoding"))
        {
            // Only "chunked" alone: a body in another coding (gzip, ...) is not something dashd takes either.
            chunked = !transferEncoding && equalsIgnoreCase(buf, valueStart, valueEnd, "chunked");
            transferEncoding = true;
        }
        else if (named(buf, from, nameLength, "expect"))
        {
            if (equalsIgnoreCase(buf, valueStart, valueEnd, "100-continue"))
            {
                expectContinue = true;
            }
            else
            {
                refuse(417, "unknown expectation");
            }
        }
        else if (named(buf, from, nameLength, "connection"))
        {
            connection(buf, valueStart, valueEnd);
        }
        else if (named(buf, from, nameLength, "authorization"))
        {
            authorization = new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        }
        else if (named(buf, from, nameLength, GatewayWarmer.DRY_RUN_HEADER))
        {
            dryRunToken = new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        }
    }

    private void contentLength(final byte[] buf, final int from, final int to)
    {
        if (from == to || to - from > 18)
        {
            refuse(400, "bad Content-Length");
            return;
        }
        long value = 0;
        for (int i = from; i < to; i++)
        {
            if (!isDigit(buf[i]))
            {
                refuse(400, "bad Content-Length");
                return;
            }
            value = value * 10 + buf[i] - '0';
        }
        if (contentLength >= 0 && contentLength != value)
        {
            refuse(400, "two Content-Lengths");
            return;
        }
        contentLength = value;
    }

    private void connection(final byte[] buf, final int from, final int to)
    {
        int i = from;
        while (i < to)
        {
            while (i < to && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == ','))
            {
                i++;
            }
            final int tokenStart = i;
            while (i < to && buf[i] != ',' && buf[i] != ' ' && buf[i] != '\t')
            {
                i++;
            }
            if (equalsIgnoreCase(buf, tokenStart, i, "close"))
            {
                close = true;
            }
            else if (equalsIgnoreCase(buf, tokenStart, i, "keep-alive"))
            {
                keepAlive = true;
            }
        }
    }

    private void reset()
    {
        method = null;
        path = null;
        minorVersion = 1;
        contentLength = -1;
        transferEncoding = false;
        chunked = false;
        expectContinue = false;
        close = false;
        keepAlive = false;
        authorization = null;
        dryRunToken = null;
        refusal = 0;
        refusalReason = null;
    }

    private void refuse(final int status, final String reason)
    {
        if (refusal == 0)
        {
            refusal = status;
            refusalReason = reason;
        }
    }

    private static int tokenEnd(final byte[] buf, final int from, final int to)
    {
        int i = from;
        while (i < to && TCHAR[buf[i] & 0xff])
        {
            i++;
        }
        return i;
    }

    private static boolean named(final byte[] buf, final int from, final int length, final String name)
    {
        return length == name.length() && equalsIgnoreCase(buf, from, from + length, name);
    }

    private static boolean equalsIgnoreCase(final byte[] buf, final int from, final int to, final String text)
    {
        if (to - from != text.length())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.toLowerCase((char)(buf[from + i] & 0xff)) != Character.toLowerCase(text.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(final byte[] buf, final int from, final String text)
    {
        if (from + text.length() > buf.length)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (buf[from + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    /**
     * @return the status to refuse the request with, 0 when it is fine.
     */
    int refusal()
    {
        return refusal;
    }

    /**
     * @return why it is refused, for the answer's body.
     */
    String refusalReason()
    {
        return refusalReason;
    }

    String method()
    {
        return method;
    }

    String path()
    {
        return path;
    }

    /**
     * @return 0 for HTTP/1.0, 1 for HTTP/1.1 (and later 1.x).
     */
    int minorVersion()
    {
        return minorVersion;
    }

    /**
     * @return the declared body length, -1 when none was declared (no body).
     */
    long contentLength()
    {
        return contentLength;
    }

    /**
     * @return true when the body comes in chunks ({@code Transfer-Encoding: chunked}).
     */
    boolean chunked()
    {
        return chunked;
    }

    boolean expectContinue()
    {
        return expectContinue;
    }

    /**
     * @return true when the connection stays open after the answer (HTTP/1.1 unless "close",
     * HTTP/1.0 only with "keep-alive").
     */
    boolean persistent()
    {
        return minorVersion >= 1 ? !close : keepAlive && !close;
    }

    String authorization()
    {
        return authorization;
    }

    String dryRunToken()
    {
        return dryRunToken;
    }
}
