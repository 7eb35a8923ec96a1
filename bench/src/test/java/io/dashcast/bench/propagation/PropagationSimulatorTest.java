package io.dashcast.bench.propagation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(5)
class PropagationSimulatorTest
{
    private static final long MS = 1_000_000L;

    private static PropagationModel model(final PropagationModel.Relay relay)
    {
        return new PropagationModel().relay(relay).preValidationMs(0).blockBytes(1_000_000).miss(0, 10_000).conclude();
    }

    @Test
    void shouldTakeTheSumOfLatenciesAlongALineOfHighBandwidthPeers()
    {
        final Topology line = new Topology.Builder(3)
            .link(0, 1, 10 * MS).link(1, 2, 25 * MS)
            .highBandwidth(0, 1).highBandwidth(1, 2)
            .build();

        final long[] validated = new PropagationSimulator().run(line, model(PropagationModel.Relay.COMPACT),
            new int[] {0}, new long[] {0});

        assertArrayEquals(new long[] {0, 10 * MS, 35 * MS}, validated);
    }

    @Test
    void shouldPayValidationThreeLatenciesAndTheUploadPerHopUnderFullRelay()
    {
        final long v = 5 * MS;
        final Topology line = new Topology.Builder(3)
            .link(0, 1, 10 * MS).link(1, 2, 25 * MS)
            .uplink(0, 100e6).uplink(1, 50e6)
            .validationNs(0, v).validationNs(1, v).validationNs(2, v)
            .build();

        final long[] validated = new PropagationSimulator().run(line, model(PropagationModel.Relay.FULL),
            new int[] {0}, new long[] {0});

        // inv, getdata, block: three one-way latencies, plus 1 MB at the sender's uplink
        final long at1 = v + 3 * 10 * MS + 80 * MS + v;
        final long at2 = at1 + 3 * 25 * MS + 160 * MS + v;
        assertArrayEquals(new long[] {v, at1, at2}, validated);
    }

    @Test
    void shouldAskForMissingTransactionsWithOneMoreRoundTrip()
    {
        final PropagationModel model = new PropagationModel().preValidationMs(0).miss(0, 10_000).conclude();
        final Topology pair = new Topology.Builder(2).link(0, 1, 10 * MS).uplink(0, 100e6).missing(1).build();

        final long[] validated = new PropagationSimulator().run(pair, model, new int[] {0}, new long[] {0});

        // headers, getdata(cmpct), cmpctblock, getblocktxn, blocktxn: five one-way latencies
        final long upload = (long)((model.compactBytes() + 10_000) * 8e9 / 100e6);
        assertEquals(5 * 10 * MS + upload, validated[1]);
    }

    @Test
    void shouldQueueBlocksOnTheSendersUplinkOneAfterAnother()
    {
        // a star: node 0 pushes compact blocks to 1, 2, 3 in link order over a 10 Mbit/s uplink
        final PropagationModel model = model(PropagationModel.Relay.COMPACT);
        final Topology.Builder b = new Topology.Builder(4).uplink(0, 10e6);
        for (int i = 1; i <= 3; i++)
        {
            b.link(0, i, MS).highBandwidth(0, i);
        }
        final long[] validated = new PropagationSimulator().run(b.build(), model, new int[] {0}, new long[] {0});

        final long copy = (long)(model.compactBytes() * 8e9 / 10e6);
        assertArrayEquals(new long[] {0, copy + MS, 2 * copy + MS, 3 * copy + MS}, validated);
    }

    @Test
    void shouldPopEventsInTimeOrderAndEqualTimesInScheduleOrder()
    {
        final EventQueue queue = new EventQueue();
        final SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++)
        {
            queue.schedule(rng.nextInt(100), 0, i);
        }
        long lastTime = -1;
        int lastArg = -1;
        int popped = 0;
        while (queue.pop())
        {
            assertTrue(queue.timeNs() > lastTime || (queue.timeNs() == lastTime && queue.arg() > lastArg));
            lastTime = queue.timeNs();
            lastArg = queue.arg();
            popped++;
        }
        assertEquals(5_000, popped);
    }

    @Test
    void shouldChargeThePoolUplinkInOrderOrAllAtOnce()
    {
        final Topology two = new Topology.Builder(3).link(0, 1, MS).link(1, 2, MS).build();
        final PoolPush push = new PoolPush(0, new int[] {1, 2}, new long[] {3 * MS, 4 * MS});
        final PropagationModel sequential = new PropagationModel().poolUplinkMbit(100).conclude();
        final PropagationModel interleaved = new PropagationModel().poolUplinkMbit(100)
            .poolOrder(PropagationModel.PoolOrder.INTERLEAVED).conclude();

        assertArrayEquals(new int[] {0, 1, 2}, push.sourceNodes(2));
        assertArrayEquals(new long[] {0, 80 * MS + 3 * MS, 160 * MS + 4 * MS}, push.sourceNs(2, sequential, two));
        assertArrayEquals(new long[] {0, 160 * MS + 3 * MS, 160 * MS + 4 * MS}, push.sourceNs(2, interleaved, two));
    }

    @Test
    void shouldBuildTheSameNetworkAndResultsFromTheSameSeed()
    {
        final PropagationModel model = new PropagationModel().nodes(400).conclude();
        final Topology a = Topology.generate(model, new SplittableRandom(42));
        final Topology b = Topology.generate(model, new SplittableRandom(42));
        assertArrayEquals(a.linkTo, b.linkTo);
        for (int i = 0; i < a.nodeCount; i++)
        {
            assertTrue(a.degree(i) >= model.outbound, "node " + i + " has " + a.degree(i) + " links");
        }

        final PropagationSweep one = new PropagationSweep(model, new int[] {1, 8}, 2, 5).run();
        final PropagationSweep two = new PropagationSweep(model, new int[] {1, 8}, 2, 5).run();
        for (int k = 0; k <= 2; k++)
        {
            assertEquals(one.medianMs(k, 2), two.medianMs(k, 2));
            assertTrue(one.medianMs(k, 2) < 5_000, "every node reached");
        }
    }
}
