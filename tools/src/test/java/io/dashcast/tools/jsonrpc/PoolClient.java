package io.dashcast.tools.jsonrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A pool's daemon connection as pool servers write it by hand: one keep-alive socket, requests
 * with CRLF or bare LF line ends (yiimp, ckpool), answers read by Content-Length. Test only.
 */
final class PoolClient implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String authorization;
    private final String eol;

    PoolClient(final int port, final String user, final String password, final boolean bareLf) throws IOException
    {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(120_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        eol = bareLf ? "\n" : "\r\n";
    }

    /**
     * @param path request path.
     * @param body JSON body.
     * @return the answer.
     */
    RawHttp.Response post(final String path, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final String head = "POST " + path + " HTTP/1.1" + eol + "Authorization: " + authorization + eol +
            "Host: 127.0.0.1:" + socket.getPort() + eol + "Content-Type: application/json" + eol +
            "Content-Length: " + bytes.length + eol + eol;
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        return read();
    }

    RawHttp.Response post(final String body) throws IOException
    {
        return post("/", body);
    }

    private RawHttp.Response read() throws IOException
    {
        final String status = line();
        final List<String> headers = new ArrayList<>();
        long length = -1;
        String line;
        while (!(line = line()).isEmpty())
        {
            headers.add(line);
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15))
            {
                length = Long.parseLong(line.substring(15).trim());
            }
            if (line.regionMatches(true, 0, "Transfer-Encoding:", 0, 18))
            {
                throw new IOException("chunked answer: " + line);
            }
        }
        if (length < 0)
        {
            throw new IOException("answer without Content-Length: " + headers);
        }
        final byte[] body = in.readNBytes((int)length);
        return new RawHttp.Response(status, headers, body);
    }

    private String line() throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n')
        {
            if (b < 0)
            {
                throw new IOException("connection closed");
            }
            if (b != '\r')
            {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
