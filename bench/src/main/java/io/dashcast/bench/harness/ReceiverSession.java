package io.dashcast.bench.harness;

/**
 * One set of listening receivers inside the receiver process, open for one measured configuration.
 */
interface ReceiverSession extends AutoCloseable
{
    /**
     * @return the ports senders connect to, in peer order.
     */
    int[] ports();

    /**
     * Stop the threads and close every socket.
     */
    @Override
    void close();
}
