package io.dashcast.tools.jsonrpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The status line and header fields of a gateway answer: always a Content-Length, a Date, the
 * connection's fate said when it differs from the version's default, and the Basic challenge on a
 * 401 (as dashd sends it).
 */
final class HttpAnswerHead
{
    private static String date = "";
    private static long dateSecond = Long.MIN_VALUE;

    private HttpAnswerHead()
    {
    }

    /**
     * @param answer       the answer.
     * @param minorVersion the request's HTTP/1.x minor version.
     * @param keepAlive    true when the connection stays open.
     * @return the head's bytes.
     */
    static ByteBuffer encode(final GatewayCalls.HttpAnswer answer, final int minorVersion, final boolean keepAlive)
    {
        final StringBuilder head = new StringBuilder(160)
            .append(minorVersion == 0 ? "HTTP/1.0 " : "HTTP/1.1 ").append(answer.status()).append(' ')
            .append(reason(answer.status())).append("\r\nDate: ").append(date()).append("\r\n");
        if (answer.contentType() != null)
        {
            head.append("Content-Type: ").append(answer.contentType()).append("\r\n");
        }
        if (answer.status() == 401)
        {
            head.append("WWW-Authenticate: Basic realm=\"jsonrpc\"\r\n");
        }
        if (!keepAlive)
        {
            head.append("Connection: close\r\n");
        }
        else if (minorVersion == 0)
        {
            head.append("Connection: keep-alive\r\n");
        }
        head.append("Content-Length: ").append(answer.body().length).append("\r\n\r\n");
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static synchronized String date()
    {
        final long second = System.currentTimeMillis() / 1000;
        if (second != dateSecond)
        {
            dateSecond = second;
            date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
        }
        return date;
    }

    static String reason(final int status)
    {
        return switch (status)
        {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
