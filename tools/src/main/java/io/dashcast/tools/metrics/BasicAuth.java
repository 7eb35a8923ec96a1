package io.dashcast.tools.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * HTTP Basic credentials checked in constant time; the expected {@code user:password} is supplied
 * on each check (a cookie file may be rewritten while the daemon runs).
 */
final class BasicAuth
{
    private final Supplier<String> userColonPassword;

    /**
     * @param userColonPassword expected credentials, null (or a null result) to refuse everyone.
     */
    BasicAuth(final Supplier<String> userColonPassword)
    {
        this.userColonPassword = userColonPassword;
    }

    /**
     * @param header the request's Authorization header, or null.
     * @return true when it carries the expected credentials.
     */
    boolean accepts(final String header)
    {
        final String expected = userColonPassword == null ? null : userColonPassword.get();
        if (expected == null || header == null || !header.regionMatches(true, 0, "Basic ", 0, 6))
        {
            return false;
        }
        final byte[] given;
        try
        {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
    }
}
