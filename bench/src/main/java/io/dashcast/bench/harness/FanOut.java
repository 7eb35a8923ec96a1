package io.dashcast.bench.harness;

import java.io.IOException;

/**
 * One system under test: something that gets one block to N peers. The harness stamps the clock,
 * calls {@link #send(long)}, waits for the receiver process to report the delivery, then asks for
 * the kernel hand-off times with {@link #awaitHandoff(long, Delivery, long)}. One block is in flight
 * at a time.
 */
public interface FanOut extends AutoCloseable
{
    /**
     * Open the receivers this system needs through the link and connect to them; ready to send on return.
     *
     * @param link     the receiver process.
     * @param workload peers and block.
     * @throws IOException if a connection fails.
     */
    void start(ReceiverLink link, Workload workload) throws IOException;

    /**
     * Send (or submit) one block to every peer.
     *
     * @param sample index of this block on these connections.
     * @throws IOException if a write fails.
     */
    void send(long sample) throws IOException;

    /**
     * Wait until the kernel has taken the block's last byte for every peer.
     *
     * @param sample     the block.
     * @param delivery   the receiver's report of it (a relay's hand-offs happen in the receiver process).
     * @param deadlineNs give up at this System.nanoTime.
     * @throws HarnessException on timeout or a peer that never got the block.
     */
    void awaitHandoff(long sample, Delivery delivery, long deadlineNs);

    /**
     * @return when the kernel took the last byte for peer 0 (the critical one), after {@link #awaitHandoff}.
     */
    long firstHandoffNs();

    /**
     * @return when the kernel had taken the last byte for every peer, after {@link #awaitHandoff}.
     */
    long lastHandoffNs();

    /**
     * Disconnect and stop any threads; the harness closes the receivers afterwards.
     */
    @Override
    void close();
}
