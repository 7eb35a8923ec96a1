package io.dashcast.engine.status;

import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.PeerState;
import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import io.dashcast.sim.TestBlocks;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters file as another process sees it: mapped read-only, every counter found by label,
 * values matching the receipts.
 */
class EngineStatusTest
{
    @TempDir
    Path dir;

    private final List<SimulatedDashNode> nodes = new ArrayList<>();
    private Broadcaster broadcaster;
    private EngineStatus status;

    @AfterEach
    void tearDown()
    {
        if (broadcaster != null)
        {
            broadcaster.close();
        }
        if (status != null)
        {
            status.close();
        }
        nodes.forEach(SimulatedDashNode::close);
    }

    @Test
    @Timeout(60)
    void shouldExposeEveryFigureInTheCountersFileMatchingTheReceipts() throws Exception
    {
        final BroadcasterContext ctx = new BroadcasterContext().network(Network.REGTEST).loopCount(1);
        for (int i = 0; i < 2; i++)
        {
            final SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST));
            nodes.add(node);
            ctx.addPeer(new PeerEndpoint("sim-" + i, "127.0.0.1", node.port(), PeerPriority.NORMAL));
        }
        final Path file = dir.resolve("counters.dat");
        status = EngineStatus.mapFile(file, 2, SystemEpochClock.INSTANCE);
        broadcaster = Broadcaster.launch(ctx.status(status));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (broadcaster.readyPeerCount() < 2 && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 3);
        long acks = 0;
        for (final byte[] block : chain)
        {
            final BroadcastReceipt receipt = broadcaster.submitAsync(block).get(20, TimeUnit.SECONDS);
            acks += receipt.ackCount();
        }
        broadcaster.updateStatusCounters();

        final MappedByteBuffer mapped = CountersFileDescriptor.mapForReading(file);
        try
        {
            final UnsafeBuffer whole = new UnsafeBuffer(mapped);
            final CountersReader reader = new CountersReader(
                CountersFileDescriptor.metadata(whole), CountersFileDescriptor.values(whole));
            final Map<String, Long> byLabel = new HashMap<>();
            reader.forEach((value, id, label) -> byLabel.put(label, value));
            assertEquals(3L, byLabel.get("blocks submitted"), byLabel::toString);
            assertEquals(3L, byLabel.get("blocks completed"));
            assertEquals(3L, byLabel.get("blocks delivered to every ready peer"));
            assertEquals(6L, byLabel.get("peer hand-offs"));
            assertEquals(acks, byLabel.get("peer acks"));
            assertEquals(2L, byLabel.get("peers ready"));
            assertEquals(3L, byLabel.get("peer blocks sent: sim-0"));
            assertEquals((long)PeerState.READY.ordinal(), byLabel.get("peer state: sim-1"));
            assertEquals(1L, byLabel.get("peer connects: sim-1"));
            long bytes = 0;
            for (final byte[] block : chain)
            {
                bytes += block.length;
            }
            assertEquals(bytes, byLabel.get("peer block bytes: sim-0"));
            assertEquals(3L, (long)status.stage(FanoutStage.ALL_PEERS).read(h -> h.getTotalCount()));
            assertEquals(3, status.timeline().count());
            assertTrue(status.timeline().read(2).peers()[0].handoffNs() > 0);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
