package io.dashcast.tools.jsonrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A test-only HTTP/1.1 client over a plain socket, so answers can be compared byte for byte:
 * status line, header lines in order, body.
 */
final class RawHttp
{
    /**
     * @param statusLine e.g. {@code HTTP/1.1 200 OK}.
     * @param headers    header lines as sent.
     * @param body       body bytes.
     */
    record Response(String statusLine, List<String> headers, byte[] body)
    {
        int status()
        {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(final String name)
        {
            for (final String line : headers)
            {
                final int colon = line.indexOf(':');
                if (line.substring(0, colon).trim().equalsIgnoreCase(name))
                {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        String bodyText()
        {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp()
    {
    }

    static String basic(final String userColonPassword)
    {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    static Response post(final int port, final String authorization, final String body) throws IOException
    {
        return post(port, authorization, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response post(final int port, final String authorization, final byte[] body) throws IOException
    {
        final StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (authorization != null)
        {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        return exchange(port, head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    static Response exchange(final int port, final byte[] head, final byte[] body) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(head);
            try
            {
                socket.getOutputStream().write(body);
            }
            catch (final IOException ex)
            {
                // The server may answer (413) and close before reading everything.
            }
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    static Response read(final InputStream in) throws IOException
    {
        final String statusLine = readLine(in);
        final List<String> headers = new ArrayList<>();
        long length = -1;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in))
        {
            headers.add(line);
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
            {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        final byte[] body = length >= 0 ? in.readNBytes((int)length) : in.readAllBytes();
        return new Response(statusLine, headers, body);
    }

    private static String readLine(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n')
        {
            line.write(b);
        }
        if (b < 0 && line.size() == 0)
        {
            throw new IOException("connection closed");
        }
        final String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
