package io.dashcast.engine;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * Where a peer is: resolved once at launch, and looked up again off the loop (on the resolver
 * thread: DNS can block for seconds) when it did not resolve or its breaker opened, in case the
 * host moved. The next connect uses the result.
 */
final class PeerAddress
{
    private final PeerEndpoint endpoint;
    private final HostResolver hostResolver;
    private final Executor resolver;
    private volatile InetSocketAddress address;
    private volatile boolean resolving;

    PeerAddress(
        final PeerEndpoint endpoint, final InetSocketAddress address, final HostResolver hostResolver,
        final Executor resolver)
    {
        this.endpoint = endpoint;
        this.address = address;
        this.hostResolver = hostResolver;
        this.resolver = resolver;
    }

    InetSocketAddress get()
    {
        return address;
    }

    /**
     * Look the host up again unless a look-up is already under way.
     */
    void requestResolve()
    {
        if (!resolving)
        {
            resolving = true;
            resolver.execute(() ->
            {
                address = hostResolver.resolve(endpoint.host(), endpoint.port());
                resolving = false;
            });
        }
    }
}
