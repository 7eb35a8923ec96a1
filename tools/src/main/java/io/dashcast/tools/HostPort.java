package io.dashcast.tools;

import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;

/**
 * Parses {@code HOST:PORT} (or {@code [v6]:PORT}) command-line arguments into peer endpoints.
 */
final class HostPort
{
    private HostPort()
    {
    }

    static PeerEndpoint parse(final String text, final PeerPriority priority)
    {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            throw new BadInputException("'" + text + "' is not HOST:PORT, e.g. 127.0.0.1:9999");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new BadInputException("port in '" + text + "' is not a number");
        }
        if (port < 1 || port > 65535)
        {
            throw new BadInputException("port in '" + text + "' is outside 1..65535");
        }
        return new PeerEndpoint(host + ":" + port, host, port, priority);
    }
}
