package io.dashcast.bench.wan;

import java.net.InetSocketAddress;

/**
 * One way of getting a block to N peers: connect, push one block, get ready for the next.
 */
interface BlockPush extends AutoCloseable
{
    /**
     * Connect to every peer and return once all are ready to take a block.
     *
     * @param peers       where the peers listen; peer 0 is the critical one.
     * @param blockBytes  the raw block (not framed).
     */
    void start(InetSocketAddress[] peers, byte[] blockBytes);

    /**
     * Start pushing the current block to every peer (may return before the bytes are out).
     */
    void push();

    /**
     * Called once every peer has the block: make the next block (a child of this one).
     */
    void afterRound();

    @Override
    void close();
}
