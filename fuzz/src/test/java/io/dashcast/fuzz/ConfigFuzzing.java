package io.dashcast.fuzz;

import io.dashcast.tools.config.BroadcastPeersConfig;
import io.dashcast.tools.config.BroadcastPeersLoader;
import io.dashcast.tools.config.ConfigException;
import io.dashcast.tools.config.PeerEntry;

/**
 * The contract of {@link BroadcastPeersLoader#parse} for any text: a validated configuration, or
 * one {@link ConfigException} with a one-line message naming the file; nothing else.
 */
final class ConfigFuzzing
{
    private ConfigFuzzing()
    {
    }

    static void warmUp()
    {
        for (final String name : new String[] {"../conf/broadcast_peers.json", "../conf/broadcast_peers.yaml"})
        {
            try
            {
                BroadcastPeersLoader.load(java.nio.file.Path.of(name));
            }
            catch (final ConfigException ignore)
            {
                // Only the class loading matters here.
            }
        }
    }

    static void parse(final HangWatchdog watchdog, final byte[] text, final boolean yaml)
    {
        watchdog.begin(text);
        try
        {
            final BroadcastPeersConfig config = BroadcastPeersLoader.parse("fuzz.conf", text, yaml);
            for (final PeerEntry peer : config.peers())
            {
                if (peer.host() == null || peer.host().isBlank() || peer.port() < 1 || peer.port() > 65535 ||
                    peer.priority() == null)
                {
                    throw new AssertionError("accepted an invalid peer " + peer);
                }
            }
            if (config.settings() == null)
            {
                throw new AssertionError("accepted a configuration without settings");
            }
        }
        catch (final ConfigException expected)
        {
            final String message = expected.getMessage();
            if (message == null || !message.startsWith("fuzz.conf") || message.indexOf('\n') >= 0)
            {
                throw new AssertionError("a config error must be one line naming the file: " + message, expected);
            }
        }
        finally
        {
            watchdog.end();
        }
    }
}
