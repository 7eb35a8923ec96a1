package io.dashcast.bench.harness;

/**
 * Told by a receiver session when a block has reached every one of its peers. All times are
 * {@link System#nanoTime()} of the receiver process, comparable with the harness's on one machine
 * (CLOCK_MONOTONIC on Linux).
 */
interface DeliveryListener
{
    /**
     * @param sample          the block's index on these connections, counted from 0.
     * @param firstPeerNs     when peer 0 (the critical one) had read the block's last byte.
     * @param lastPeerNs      when the last peer had read the block's last byte.
     * @param firstHandoffNs  for a relay: when the kernel took the last byte toward peer 0; else 0.
     * @param lastHandoffNs   for a relay: when the kernel took the last byte toward the last peer; else 0.
     */
    void onDelivered(long sample, long firstPeerNs, long lastPeerNs, long firstHandoffNs, long lastHandoffNs);

    /**
     * @param message what went wrong in the receiver (one line).
     */
    void onError(String message);
}
