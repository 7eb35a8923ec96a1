package io.dashcast.bench.propagation;

import java.util.Arrays;

/**
 * Runs one block through a {@link Topology}: a discrete-event loop over an {@link EventQueue} in
 * nanoseconds. Returns, per node, when it had validated the block (when its miners would switch).
 *
 * <p>Per node: on getting the whole block (received in full, or rebuilt from a compact block) it
 * pre-validates ({@code preValidationMs}: header, proof of work, merkle root) and, under compact
 * relay, pushes a cmpctblock to the peers that chose it as a high-bandwidth announcer; it then
 * validates ({@code validationNs} of that node) and announces the block to every neighbour.
 * A neighbour that lacks the block asks the first announcer (one request at a time) and gets a
 * cmpctblock (compact relay) or the whole block (full relay). A node whose mempool misses
 * transactions asks the sender for them: one more round trip and {@code missBytes}.
 * Block-carrying messages queue on the sender's uplink one after another; small control messages
 * (announcements, requests) cost only the link's latency.
 */
final class PropagationSimulator
{
    /** Not reached (yet). */
    static final long NEVER = Long.MAX_VALUE;

    private static final int ACQUIRE = 0;
    private static final int HIGH_BANDWIDTH_SEND = 1;
    private static final int VALIDATED = 2;
    private static final int ANNOUNCE = 3;
    private static final int REQUEST = 4;
    private static final int COMPACT_BLOCK = 5;
    private static final int TXN_REQUEST = 6;
    private static final int FULL_BLOCK = 7;
    private static final int TXN = 8;

    private final EventQueue queue = new EventQueue();
    private Topology topology;
    private PropagationModel model;
    private long preValidationNs;
    private long[] acquiredNs;
    private long[] validatedNs;
    private long[] uplinkFreeNs;
    private boolean[] requested;
    private long events;

    /**
     * @param topology    the network.
     * @param model       concluded parameters (relay, sizes, pre-validation time).
     * @param sourceNodes nodes that get the whole block from outside (the pool).
     * @param sourceNs    when each of them has it.
     * @return per node, when it validated the block, or {@link #NEVER}.
     */
    long[] run(final Topology topology, final PropagationModel model, final int[] sourceNodes, final long[] sourceNs)
    {
        reset(topology, model);
        for (int i = 0; i < sourceNodes.length; i++)
        {
            queue.schedule(sourceNs[i], ACQUIRE, sourceNodes[i]);
        }
        while (queue.pop())
        {
            events++;
            dispatch(queue.timeNs(), queue.kind(), queue.arg());
        }
        return validatedNs;
    }

    /** @return events processed since this simulator was made. */
    long events()
    {
        return events;
    }

    private void reset(final Topology topology, final PropagationModel model)
    {
        this.topology = topology;
        this.model = model;
        preValidationNs = Topology.millisToNs(model.preValidationMs);
        final int n = topology.nodeCount;
        acquiredNs = new long[n];
        validatedNs = new long[n];
        uplinkFreeNs = new long[n];
        requested = new boolean[n];
        Arrays.fill(acquiredNs, NEVER);
        Arrays.fill(validatedNs, NEVER);
        queue.clear();
    }

    private void dispatch(final long nowNs, final int kind, final int arg)
    {
        switch (kind)
        {
            case ACQUIRE -> onAcquire(nowNs, arg);
            case HIGH_BANDWIDTH_SEND -> onHighBandwidthSend(nowNs, arg);
            case VALIDATED -> onValidated(nowNs, arg);
            case ANNOUNCE -> onAnnounce(nowNs, arg);
            case REQUEST -> onRequest(nowNs, arg);
            case COMPACT_BLOCK -> onCompactBlock(nowNs, arg);
            case TXN_REQUEST -> send(nowNs, arg, model.missBytes, TXN);
            case FULL_BLOCK, TXN -> onAcquire(nowNs, topology.linkTo[arg]);
            default -> throw new IllegalStateException("unknown event " + kind);
        }
    }

    private void onAcquire(final long nowNs, final int node)
    {
        if (acquiredNs[node] != NEVER)
        {
            return;
        }
        acquiredNs[node] = nowNs;
        if (model.relay == PropagationModel.Relay.COMPACT)
        {
            queue.schedule(nowNs + preValidationNs, HIGH_BANDWIDTH_SEND, node);
        }
        queue.schedule(nowNs + preValidationNs + topology.validationNs[node], VALIDATED, node);
    }

    private void onHighBandwidthSend(final long nowNs, final int node)
    {
        for (int e = topology.linkStart[node]; e < topology.linkStart[node + 1]; e++)
        {
            // A peer that already has the block has told us so (it announced or sent it).
            if (topology.highBandwidth[e] && acquiredNs[topology.linkTo[e]] == NEVER)
            {
                send(nowNs, e, model.compactBytes(), COMPACT_BLOCK);
            }
        }
    }

    private void onValidated(final long nowNs, final int node)
    {
        validatedNs[node] = nowNs;
        final boolean compact = model.relay == PropagationModel.Relay.COMPACT;
        for (int e = topology.linkStart[node]; e < topology.linkStart[node + 1]; e++)
        {
            if (!(compact && topology.highBandwidth[e]) && acquiredNs[topology.linkTo[e]] == NEVER)
            {
                queue.schedule(nowNs + topology.linkLatencyNs[e], ANNOUNCE, e);
            }
        }
    }

    private void onAnnounce(final long nowNs, final int link)
    {
        final int node = topology.linkTo[link];
        if (acquiredNs[node] != NEVER || requested[node])
        {
            return;
        }
        requested[node] = true;
        queue.schedule(nowNs + topology.linkLatencyNs[link], REQUEST, link);
    }

    private void onRequest(final long nowNs, final int link)
    {
        if (model.relay == PropagationModel.Relay.COMPACT)
        {
            send(nowNs, link, model.compactBytes(), COMPACT_BLOCK);
        }
        else
        {
            send(nowNs, link, model.blockBytes, FULL_BLOCK);
        }
    }

    private void onCompactBlock(final long nowNs, final int link)
    {
        final int node = topology.linkTo[link];
        if (acquiredNs[node] != NEVER)
        {
            return;
        }
        if (topology.missing[node])
        {
            queue.schedule(nowNs + topology.linkLatencyNs[link], TXN_REQUEST, link);
        }
        else
        {
            onAcquire(nowNs, node);
        }
    }

    /**
     * Queues bytes on the link's sender's uplink; the arrival event fires when the last byte has
     * crossed the link.
     */
    private void send(final long nowNs, final int link, final int bytes, final int arrival)
    {
        final int sender = topology.linkFrom[link];
        final long start = Math.max(nowNs, uplinkFreeNs[sender]);
        final long done = start + topology.transmitNs(bytes, sender);
        uplinkFreeNs[sender] = done;
        queue.schedule(done + topology.linkLatencyNs[link], arrival, link);
    }
}
