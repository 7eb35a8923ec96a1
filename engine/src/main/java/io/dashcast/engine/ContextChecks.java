package io.dashcast.engine;

import io.dashcast.protocol.Network;

/**
 * The validation behind {@link BroadcasterContext#conclude()}: each setting's bounds, with a message
 * that names the setting and the fix.
 */
final class ContextChecks
{
    private ContextChecks()
    {
    }

    static void validate(final BroadcasterContext c)
    {
        final int ringSize = c.ringSize();
        require(Integer.bitCount(ringSize) == 1 && ringSize >= 2, "ringSize must be a power of two >= 2");
        require(c.retainedBlocks() >= 0 && c.retainedBlocks() < ringSize, "retainedBlocks must be in 0..ringSize-1");
        require(c.maxBlockBytes() >= 81 && c.maxBlockBytes() <= Network.MAX_PROTOCOL_MESSAGE_LENGTH - 24,
            "maxBlockBytes must be within 81.." + (Network.MAX_PROTOCOL_MESSAGE_LENGTH - 24));
        require(c.broadcastTimeoutNs() > 0, "broadcastTimeout must be > 0");
        require(c.warmUpIterations() >= 0 && c.keepWarmIdleNs() >= 0, "warmUpIterations and keepWarmIdleNs must be >= 0");
        require(c.rehearsalBlocks() >= 0, "rehearsalBlocks must be >= 0");
        require(c.connectTimeoutNs() > 0, "connectTimeout must be > 0");
        require(c.handshakeTimeoutNs() > 0, "handshakeTimeout must be > 0");
        require(c.pingIntervalNs() > 0 && c.pingTimeoutNs() > 0, "ping interval and timeout must be > 0");
        require(c.reconnectDelayNs() > 0 && c.reconnectMaxDelayNs() >= c.reconnectDelayNs(),
            "reconnectDelay must be > 0 and <= reconnectMaxDelay");
        require(c.breakerThreshold() >= 1, "breakerThreshold must be >= 1");
        require(c.breakerCooldownNs() > 0, "breakerCooldown must be > 0");
        require(c.sendBufferBytes() >= 0 && c.receiveBufferBytes() >= 0,
            "socket buffer sizes must be >= 0 (0 = kernel)");
        require(c.userAgent().length() <= 256, "userAgent must be at most 256 bytes");
        require(c.uplinkMbps() >= 0, "uplinkMbps must be >= 0 (0 = unlimited)");
        require(c.uploadCapBytesPerSecond() >= 0 && c.peerUploadCapBytesPerSecond() >= 0,
            "upload caps must be >= 0 (0 = none)");
        require(c.uploadCapBytesPerSecond() == 0 || c.uploadCapBytesPerSecond() >= 8 * 1024,
            "uploadCapBytesPerSecond must be 0 (none) or at least 8 KiB/s");
        require(c.peerUploadCapBytesPerSecond() == 0 || c.peerUploadCapBytesPerSecond() >= 8 * 1024,
            "peerUploadCapBytesPerSecond must be 0 (none) or at least 8 KiB/s");
        require(c.errorLogBufferBytes() >= 1024, "errorLogBufferBytes must be >= 1024");
        require(c.nanoClock() != null && c.epochClock() != null, "nanoClock and epochClock must be set");
        require(c.threadingMode() != null, "threadingMode must be set");
        for (final PeerEndpoint peer : c.peers())
        {
            if (Socks5Connect.isOnion(peer.host()) && c.proxyFor(peer) == null)
            {
                throw new IllegalArgumentException("peer " + peer.name() + " is a Tor onion service: set socksProxy "
                    + "(the daemon's socks_proxy, e.g. Tor's 127.0.0.1:9050) or the peer's own proxy");
            }
        }
        if (c.network() == Network.DEVNET && !c.userAgent().contains("devnet.devnet-"))
        {
            throw new IllegalArgumentException(
                "devnet peers require the user agent to contain 'devnet.devnet-<name>': set userAgent");
        }
    }

    static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
