package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warmer's dummy blocks are valid blocks, and it runs the path end to end without a peer.
 */
class SendPathWarmerTest
{
    @Test
    void shouldBuildValidDummyBlocks()
    {
        final BlockView view = new BlockView();
        for (final int txs : new int[] {1, 4, 1500})
        {
            final UnsafeBuffer block = SendPathWarmer.block(txs, view);
            view.wrap(block, 0, block.capacity());
            assertEquals(txs, view.transactionCount());
            assertTrue(view.merkleRootMatches(new Sha256d(), new byte[64]), "merkle root of " + txs);
        }
    }

    @Test
    @Timeout(30)
    void shouldRunTheSendPathToItsOwnSink()
    {
        final BroadcasterContext ctx = new BroadcasterContext().network(Network.REGTEST);
        try (SendPathWarmer warmer = new SendPathWarmer(ctx))
        {
            assertEquals(40, warmer.warm(40));
            // Every iteration claims, publishes and polls its own ring, as a real block takes the broadcaster's.
            assertEquals(39, warmer.rehearsalCursor());
            // ... and writes its block frame and an ack ping behind it through a peer's outbox: 40 dummy
            // blocks, 3 of them (every 16th from the first) of 1500 transactions and 37 of 4.
            final long pings = 40L * (24 + 8);
            final long blocks = 37L * (24 + 80 + 1 + 4 * SendPathWarmer.TX_BYTES) + 3L * (24 + 80 + 3 + 1500L * SendPathWarmer.TX_BYTES);
            assertTrue(warmer.writtenBytes() >= blocks + pings, "written " + warmer.writtenBytes());
        }
    }

    @Test
    @Timeout(30)
    void shouldWarmBothFormsABlockArrivesIn()
    {
        // A byte[] (the gateway) and direct memory (api, shared memory), in turns of 16 iterations:
        // code compiled for one form alone is thrown away when the other first comes.
        final BroadcasterContext ctx = new BroadcasterContext().network(Network.REGTEST);
        try (SendPathWarmer warmer = new SendPathWarmer(ctx))
        {
            warmer.warm(64);
            assertEquals(32, warmer.directIterations());
        }
    }
}
