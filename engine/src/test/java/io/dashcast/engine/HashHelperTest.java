package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.Sha256d;
import io.dashcast.sim.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hash helper: the merkle root and txids hashed by two threads are the one-thread ones, and
 * the checksum it computes beside them is the block's, whatever the block size and however many
 * producers want the helper at once; the gate with a helper gives the same verdicts as without; the
 * helper thread stops on close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HashHelperTest
{
    private final Sha256d sha256d = new Sha256d();

    @Test
    void shouldHashEveryTxidOfBlocksOfEverySizeAsOneThreadDoes()
    {
        try (HashHelper helper = new HashHelper("test-txids"))
        {
            final BlockView shared = new BlockView();
            final BlockView alone = new BlockView();
            final byte[] expected = new byte[32];
            final byte[] scratch = new byte[BlockView.SUBTREE_SCRATCH_BYTES];
            final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
            // Around the threshold and the subtree size, and well above them.
            for (final int n : new int[]{ 2, 63, 64, 65, 127, 128, 129, 1_001, 3_000 })
            {
                for (int round = 0; round < 20; round++)
                {
                    final byte[] block = Broadcaster.warmUpBlock(n * 185 - 100);
                    shared.wrap(new UnsafeBuffer(block), 0, block.length);
                    final long checksum = helper.hash(shared, sha256d, scratch, scratchBuffer, expected);
                    if (block.length >= HashHelper.MIN_BLOCK_BYTES)
                    {
                        assertEquals(new Sha256d().checksum(new UnsafeBuffer(block), 0, block.length) & 0xffff_ffffL, checksum,
                            n + " transactions: the helper's checksum");
                    }
                    else
                    {
                        assertEquals(HashHelper.NO_CHECKSUM, checksum, "a small block is hashed by the caller alone");
                    }
                    assertTrue(shared.merkleRootIs(expected), n + " transactions, round " + round);
                    alone.wrap(new UnsafeBuffer(block), 0, block.length);
                    final byte[] root = new byte[32];
                    alone.computeMerkleRoot(sha256d, root, 0);
                    assertArrayEquals(root, expected);
                    assertArrayEquals(Arrays.copyOf(alone.knownTxids(), 32 * alone.transactionCount()),
                        Arrays.copyOf(shared.knownTxids(), 32 * shared.transactionCount()));
                }
            }
        }
    }

    @Test
    void shouldGiveEveryConcurrentProducerItsOwnBlocksTxids() throws InterruptedException
    {
        final int producers = 4;
        final List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < producers; i++)
        {
            blocks.add(Broadcaster.warmUpBlock(150_000 + 37_000 * i));
        }
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        try (HashHelper helper = new HashHelper("test-txids"))
        {
            for (int p = 0; p < producers; p++)
            {
                final byte[] block = blocks.get(p);
                final Thread thread = new Thread(() ->
                {
                    final Sha256d own = new Sha256d();
                    final BlockView view = new BlockView();
                    final byte[] root = new byte[32];
                    final byte[] scratch = new byte[BlockView.SUBTREE_SCRATCH_BYTES];
                    final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
                    try
                    {
                        start.await();
                        for (int round = 0; round < 200; round++)
                        {
                            view.wrap(new UnsafeBuffer(block), 0, block.length);
                            final long checksum = helper.hash(view, own, scratch, scratchBuffer, root);
                            if (!view.merkleRootIs(root))
                            {
                                throw new AssertionError("round " + round + ": wrong merkle root");
                            }
                            // Another producer's block must never lend its checksum to this one.
                            if (checksum != HashHelper.NO_CHECKSUM
                                && checksum != (own.checksum(new UnsafeBuffer(block), 0, block.length) & 0xffff_ffffL))
                            {
                                throw new AssertionError("round " + round + ": wrong checksum");
                            }
                        }
                    }
                    catch (final Throwable t)
                    {
                        failure.compareAndSet(null, t);
                    }
                }, "producer-" + p);
                threads.add(thread);
                thread.start();
            }
            start.countDown();
            for (final Thread thread : threads)
            {
                thread.join(50_000);
                assertFalse(thread.isAlive(), thread.getName() + " is stuck");
            }
        }
        assertNull(failure.get(), () -> "producer failed: " + failure.get());
    }

    @Test
    void shouldGiveTheGateTheSameVerdictsWithTheHelper()
    {
        try (HashHelper helper = new HashHelper("test-txids"))
        {
            final BlockGate alone = new BlockGate(Network.REGTEST);
            final BlockGate shared = new BlockGate(Network.REGTEST, helper);
            final BlockView view = new BlockView();
            final byte[] hash = new byte[32];
            final byte[] big = TestBlocks.on(TestBlocks.genesis(Network.REGTEST), 0).dummyTransactions(2_000).build();
            assertEquals(BlockGate.PASSED, shared.check(view.wrap(new UnsafeBuffer(big), 0, big.length), hash));
            assertTrue(big.length >= HashHelper.MIN_BLOCK_BYTES, "the helper took part");
            assertEquals(new Sha256d().checksum(new UnsafeBuffer(big), 0, big.length) & 0xffff_ffffL, shared.checksum());
            // One byte changed in a transaction of each part of the block (the header, so its proof
            // of work, unchanged): whichever thread hashed it, the root no longer matches.
            for (final int tx : new int[]{ 1, view.transactionCount() / 2, view.transactionCount() - 1 })
            {
                view.wrap(new UnsafeBuffer(big), 0, big.length);
                final byte[] tampered = big.clone();
                tampered[view.transactionOffset(tx) + view.transactionLength(tx) - 5] ^= 1;
                assertEquals(BlockGate.BAD_MERKLE_ROOT, alone.check(view.wrap(new UnsafeBuffer(tampered), 0, tampered.length), hash));
                assertEquals(BlockGate.BAD_MERKLE_ROOT, shared.check(view.wrap(new UnsafeBuffer(tampered), 0, tampered.length), hash),
                    "tx " + tx);
            }
        }
    }

    @Test
    void shouldStopItsThreadOnClose() throws InterruptedException
    {
        final HashHelper helper = new HashHelper("test-txids-close");
        helper.close();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals("test-txids-close"))
            {
                thread.join(1_000);
                assertFalse(thread.isAlive(), "the helper thread outlived close");
            }
        }
    }
}
