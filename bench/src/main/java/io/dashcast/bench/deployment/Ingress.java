package io.dashcast.bench.deployment;

import java.util.Locale;

/**
 * A way a block reaches the broadcaster, or the floor (no broadcaster: a ready frame written to
 * pre-connected sockets on the calling thread).
 */
enum Ingress
{
    /** The floor: {@code FloorFanOut}. */
    FLOOR,
    /** In-process: {@code Broadcaster.submit} on the caller's thread. */
    API,
    /** Shared-memory queue: publisher offer, the daemon's receiver agent, then submit. */
    SHM,
    /** JSON-RPC {@code submitblock} with hex over HTTP on loopback, as a pool calls dashd. */
    RPC;

    /**
     * @return the lower-case name used on the command line and in the results.
     */
    String key()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key a name as {@link #key()} gives it.
     * @return the ingress.
     * @throws IllegalArgumentException for an unknown name.
     */
    static Ingress of(final String key)
    {
        for (final Ingress ingress : values())
        {
            if (ingress.key().equals(key.trim()))
            {
                return ingress;
            }
        }
        throw new IllegalArgumentException("unknown ingress '" + key + "': use floor, api, shm or rpc");
    }
}
