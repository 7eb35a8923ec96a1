package io.dashcast.engine;

/**
 * Where a peer connection is in its life:
 * {@code DISCONNECTED -> CONNECTING -> HANDSHAKING -> READY -> (failure) -> BACKOFF -> CONNECTING ...},
 * with {@code CIRCUIT_OPEN} while its breaker holds it off after repeated failures.
 */
public enum PeerState
{
    DISCONNECTED,
    CONNECTING,
    HANDSHAKING,
    READY,
    BACKOFF,
    CIRCUIT_OPEN,
    CLOSED
}
