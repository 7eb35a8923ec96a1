package io.dashcast.engine.dashd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 POST on its own connection ({@code Connection: close}), every step bounded by a
 * deadline and the answer bounded in size. Written for dashd's JSON-RPC: a fresh connection per
 * call costs tens of microseconds on loopback, and never meets a keep-alive connection that dashd
 * closed while idle (its {@code rpcservertimeout} is 30 s, blocks come every 2.5 min).
 * Not a general HTTP client: no redirects, no TLS, no proxies.
 */
final class HttpPost
{
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** The request did not complete before its deadline. */
    static final class TimeoutException extends IOException
    {
        private static final long serialVersionUID = 1L;
        final boolean connected;

        TimeoutException(final String message, final boolean connected)
        {
            super(message);
            this.connected = connected;
        }
    }

    /** The answer broke HTTP framing or a bound. */
    static final class MalformedAnswerException extends IOException
    {
        private static final long serialVersionUID = 1L;

        MalformedAnswerException(final String message)
        {
            super(message);
        }
    }

    /**
     * @param status HTTP status code.
     * @param body   the body, de-chunked.
     */
    record Answer(int status, byte[] body)
    {
    }

    private HttpPost()
    {
    }

    static Answer post(
        final InetSocketAddress address,
        final String authorization,
        final byte[] body,
        final long connectTimeoutMs,
        final long requestTimeoutMs,
        final int maxAnswerBytes) throws IOException
    {
        final long start = System.nanoTime();
        final long connectDeadline = start + connectTimeoutMs * 1_000_000L;
        final long deadline = start + requestTimeoutMs * 1_000_000L;
        try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open())
        {
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            final SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(address))
            {
                key.interestOps(SelectionKey.OP_CONNECT);
                while (!channel.finishConnect())
                {
                    await(selector, Math.min(connectDeadline, deadline), false, "connect timeout after " + connectTimeoutMs + " ms");
                }
            }
            final ByteBuffer request = ByteBuffer.wrap(requestHead(address, authorization, body.length));
            key.interestOps(SelectionKey.OP_WRITE);
            writeFully(channel, selector, request, deadline, requestTimeoutMs);
            writeFully(channel, selector, ByteBuffer.wrap(body), deadline, requestTimeoutMs);
            key.interestOps(SelectionKey.OP_READ);
            return readAnswer(new Reader(channel, selector, deadline, requestTimeoutMs), maxAnswerBytes);
        }
    }

    private static byte[] requestHead(final InetSocketAddress address, final String authorization, final int length)
    {
        final String host = address.getHostString() + ":" + address.getPort();
        return ("POST / HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization +
            "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void writeFully(
        final SocketChannel channel,
        final Selector selector,
        final ByteBuffer buffer,
        final long deadline,
        final long timeoutMs) throws IOException
    {
        while (buffer.hasRemaining())
        {
            if (channel.write(buffer) == 0)
            {
                await(selector, deadline, true, "no answer within " + timeoutMs + " ms");
            }
        }
    }

    private static void await(final Selector selector, final long deadline, final boolean connected, final String message)
        throws IOException
    {
        if (Thread.currentThread().isInterrupted())
        {
            throw new java.io.InterruptedIOException("interrupted");
        }
        final long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
        if (remainingMs <= 0)
        {
            throw new TimeoutException(message, connected);
        }
        selector.select(remainingMs);
        selector.selectedKeys().clear();
    }

    private static Answer readAnswer(final Reader reader, final int maxAnswerBytes) throws IOException
    {
        final String head = reader.readHead();
        final int lineEnd = head.indexOf("\r\n");
        final String statusLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
        final String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1."))
        {
            throw new MalformedAnswerException("not an HTTP answer: " + abbreviate(statusLine));
        }
        final int status;
        try
        {
            status = Integer.parseInt(parts[1]);
        }
        catch (final NumberFormatException ex)
        {
            throw new MalformedAnswerException("bad HTTP status line: " + abbreviate(statusLine));
        }
        long contentLength = -1;
        boolean chunked = false;
        for (final String line : head.substring(lineEnd < 0 ? head.length() : lineEnd + 2).split("\r\n"))
        {
            final int colon = line.indexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            final String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String value = line.substring(colon + 1).trim();
            if ("content-length".equals(name))
            {
                contentLength = parseLength(value);
            }
            else if ("transfer-encoding".equals(name) && value.toLowerCase(Locale.ROOT).contains("chunked"))
            {
                chunked = true;
            }
        }
        final byte[] body = chunked ? reader.readChunked(maxAnswerBytes) : reader.readBody(contentLength, maxAnswerBytes);
        return new Answer(status, body);
    }

    private static long parseLength(final String value) throws MalformedAnswerException
    {
        try
        {
            final long length = Long.parseLong(value);
            if (length < 0)
            {
                throw new MalformedAnswerException("negative Content-Length");
            }
            return length;
        }
        catch (final NumberFormatException ex)
        {
            throw new MalformedAnswerException("bad Content-Length: " + abbreviate(value));
        }
    }

    static String abbreviate(final String text)
    {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** Buffered, deadline-bounded reads from a non-blocking channel. */
    private static final class Reader
    {
        private final SocketChannel channel;
        private final Selector selector;
        private final long deadline;
        private final long timeoutMs;
        private final ByteBuffer buffer = ByteBuffer.allocate(8 * 1024);
        private boolean eof;

        Reader(final SocketChannel channel, final Selector selector, final long deadline, final long timeoutMs)
        {
            this.channel = channel;
            this.selector = selector;
            this.deadline = deadline;
            this.timeoutMs = timeoutMs;
            buffer.flip();
        }

        String readHead() throws IOException
        {
            final ByteArrayOutputStream head = new ByteArrayOutputStream(256);
            int matched = 0;
            while (matched < 4)
            {
                final int b = read();
                if (b < 0)
                {
                    throw new IOException(head.size() == 0 ? "connection closed before an answer" : "connection closed mid-answer");
                }
                if (head.size() >= MAX_HEADER_BYTES)
                {
                    throw new MalformedAnswerException("HTTP headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ?
                    matched + 1 : (b == '\r' ? 1 : 0);
            }
            final String text = head.toString(StandardCharsets.ISO_8859_1);
            return text.substring(0, text.length() - 4);
        }

        byte[] readBody(final long contentLength, final int max) throws IOException
        {
            if (contentLength > max)
            {
                throw new MalformedAnswerException("answer of " + contentLength + " bytes exceeds " + max);
            }
            final ByteArrayOutputStream body = new ByteArrayOutputStream(contentLength < 0 ? 256 : (int)contentLength);
            while (contentLength < 0 || body.size() < contentLength)
            {
                final int b = read();
                if (b < 0)
                {
                    if (contentLength < 0)
                    {
                        break;
                    }
                    throw new IOException("connection closed mid-answer");
                }
                if (body.size() >= max)
                {
                    throw new MalformedAnswerException("answer exceeds " + max + " bytes");
                }
                body.write(b);
            }
            return body.toByteArray();
        }

        byte[] readChunked(final int max) throws IOException
        {
            final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
            while (true)
            {
                final String sizeLine = readLine();
                final int semicolon = sizeLine.indexOf(';');
                final long size;
                try
                {
                    size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                }
                catch (final NumberFormatException ex)
                {
                    throw new MalformedAnswerException("bad chunk size: " + abbreviate(sizeLine));
                }
                if (size == 0)
                {
                    while (!readLine().isEmpty())
                    {
                        // Skip trailers.
                    }
                    return body.toByteArray();
                }
                if (size < 0 || body.size() + size > max)
                {
                    throw new MalformedAnswerException("answer exceeds " + max + " bytes");
                }
                for (long i = 0; i < size; i++)
                {
                    final int b = read();
                    if (b < 0)
                    {
                        throw new IOException("connection closed mid-answer");
                    }
                    body.write(b);
                }
                readLine();
            }
        }

        private String readLine() throws IOException
        {
            final StringBuilder line = new StringBuilder();
            while (true)
            {
                final int b = read();
                if (b < 0)
                {
                    throw new IOException("connection closed mid-answer");
                }
                if (b == '\n')
                {
                    final int n = line.length();
                    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
                }
                if (line.length() >= MAX_HEADER_BYTES)
                {
                    throw new MalformedAnswerException("line longer than " + MAX_HEADER_BYTES + " bytes");
                }
                line.append((char)b);
            }
        }

        private int read() throws IOException
        {
            while (!buffer.hasRemaining())
            {
                if (eof)
                {
                    return -1;
                }
                buffer.clear();
                final int n = channel.read(buffer);
                buffer.flip();
                if (n < 0)
                {
                    eof = true;
                }
                else if (n == 0)
                {
                    await(selector, deadline, true, "no answer within " + timeoutMs + " ms");
                }
            }
            return buffer.get() & 0xff;
        }
    }
}
