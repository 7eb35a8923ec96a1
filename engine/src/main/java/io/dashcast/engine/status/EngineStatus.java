package io.dashcast.engine.status;

import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.ReceiptListener;
import io.dashcast.engine.dashd.SubmitBlockResult;
import org.agrona.IoUtil;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every figure the engine keeps: the system counters ({@link SystemCounterDescriptor}), one set of
 * counters per peer ({@link PeerCounterDescriptor}), all allocated in one Agrona
 * {@link CountersManager} (on the heap, or in a memory-mapped counters file laid out by
 * {@link CountersFileDescriptor} that {@code dashcast stat} reads from another process), plus the
 * fan-out and propagation latency recorders and the last blocks' timelines.
 * <p>
 * Created before the broadcaster (or by {@code BroadcasterContext.conclude()}); the peers are
 * registered once; counters are then written by the loops without allocation or locks.
 */
public final class EngineStatus implements AutoCloseable
{
    /** Counters a peer needs. */
    public static final int COUNTERS_PER_PEER = PeerCounterDescriptor.values().length;

    private final Path file;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersManager manager;
    private final AtomicCounter[] system;
    private final LatencyRecorder[] stages;
    private final LatencyRecorder[] propagation;
    private final int peerCapacity;
    private volatile PeerStatus[] peers = new PeerStatus[0];
    private BlockTimeline timeline = new BlockTimeline(BlockTimeline.DEFAULT_CAPACITY, 0);
    private boolean closed;

    private EngineStatus(final Path file, final int peerCapacity, final EpochClock clock)
    {
        this.file = file;
        this.peerCapacity = peerCapacity;
        final int maxCounters = SystemCounterDescriptor.values().length + peerCapacity * COUNTERS_PER_PEER;
        final int valuesLength = CountersFileDescriptor.valuesLength(maxCounters);
        final int metadataLength = CountersFileDescriptor.metadataLength(valuesLength);
        final int total = CountersFileDescriptor.HEADER_LENGTH + metadataLength + valuesLength;
        final UnsafeBuffer whole;
        if (file != null)
        {
            mapped = mapNew(file, total);
            whole = new UnsafeBuffer(mapped);
        }
        else
        {
            mapped = null;
            whole = new UnsafeBuffer(ByteBuffer.allocateDirect(total));
        }
        header = new UnsafeBuffer(whole, 0, CountersFileDescriptor.HEADER_LENGTH);
        header.putInt(CountersFileDescriptor.VERSION_OFFSET, CountersFileDescriptor.VERSION);
        header.putLong(CountersFileDescriptor.PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(CountersFileDescriptor.START_MS_OFFSET, clock.time());
        header.putInt(CountersFileDescriptor.METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET, valuesLength);
        header.putLongVolatile(CountersFileDescriptor.HEARTBEAT_MS_OFFSET, clock.time());
        manager = new CountersManager(
            new UnsafeBuffer(whole, CountersFileDescriptor.HEADER_LENGTH, metadataLength),
            new UnsafeBuffer(whole, CountersFileDescriptor.HEADER_LENGTH + metadataLength, valuesLength),
            StandardCharsets.UTF_8);
        header.putIntVolatile(CountersFileDescriptor.MAGIC_OFFSET, CountersFileDescriptor.MAGIC);
        final SystemCounterDescriptor[] descriptors = SystemCounterDescriptor.values();
        system = new AtomicCounter[descriptors.length];
        for (final SystemCounterDescriptor d : descriptors)
        {
            system[d.ordinal()] = manager.newCounter(d.label(), SystemCounterDescriptor.TYPE_ID,
                (key) -> key.putInt(0, d.id()));
        }
        stages = new LatencyRecorder[FanoutStage.values().length];
        for (final FanoutStage stage : FanoutStage.values())
        {
            stages[stage.ordinal()] = new LatencyRecorder(stage.label(), 3, true);
        }
        propagation = new LatencyRecorder[PropagationLevel.values().length];
        for (final PropagationLevel level : PropagationLevel.values())
        {
            propagation[level.ordinal()] = new LatencyRecorder("propagation_" + level.label(), 3, true);
        }
    }

    /**
     * Counters on the heap only (the embedded default).
     *
     * @param peerCapacity peers to make room for.
     * @param clock        wall clock.
     * @return the status.
     */
    public static EngineStatus inMemory(final int peerCapacity, final EpochClock clock)
    {
        return new EngineStatus(null, peerCapacity, clock);
    }

    /**
     * Counters in a new memory-mapped file (an existing one is replaced).
     *
     * @param file         the counters file.
     * @param peerCapacity peers to make room for.
     * @param clock        wall clock.
     * @return the status.
     */
    public static EngineStatus mapFile(final Path file, final int peerCapacity, final EpochClock clock)
    {
        return new EngineStatus(file, peerCapacity, clock);
    }

    private static MappedByteBuffer mapNew(final Path file, final int length)
    {
        try
        {
            Files.deleteIfExists(file);
            if (file.getParent() != null)
            {
                Files.createDirectories(file.getParent());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("counters file " + file, ex);
        }
        return IoUtil.mapNewFile(new File(file.toString()), length);
    }

    /**
     * Allocate each peer's counters; once, before the loops start.
     *
     * @param endpoints peers in configuration order.
     * @return this.
     */
    public synchronized EngineStatus registerPeers(final List<PeerEndpoint> endpoints)
    {
        if (peers.length > 0 || endpoints.isEmpty())
        {
            return this;
        }
        if (endpoints.size() > peerCapacity)
        {
            throw new IllegalArgumentException(endpoints.size() + " peers exceed the counters' capacity " + peerCapacity);
        }
        final PeerStatus[] created = new PeerStatus[endpoints.size()];
        for (int i = 0; i < created.length; i++)
        {
            final PeerEndpoint e = endpoints.get(i);
            final AtomicCounter[] counters = new AtomicCounter[COUNTERS_PER_PEER];
            final int index = i;
            for (final PeerCounterDescriptor d : PeerCounterDescriptor.values())
            {
                counters[d.ordinal()] = manager.newCounter(d.label() + ": " + e.name(), PeerCounterDescriptor.TYPE_ID,
                    (key) ->
                    {
                        key.putInt(0, index);
                        key.putInt(4, d.id());
                    });
            }
            created[i] = new PeerStatus(i, e.name(), e.priority().name().toLowerCase(), counters);
        }
        system[SystemCounterDescriptor.PEERS_CONFIGURED.ordinal()].setRelease(created.length);
        timeline = new BlockTimeline(BlockTimeline.DEFAULT_CAPACITY, created.length);
        peers = created;
        return this;
    }

    /**
     * Allocate the counters of a peer added while running, at its index in the live peer table:
     * past the registered ones (the array grows by copy; readers see the old or the new one), or
     * in place of a removed peer's, whose counters are freed. Called by the broadcaster's control
     * side, never by a loop.
     *
     * @param index    the peer's index (at most {@link #peerCount()}).
     * @param endpoint the peer.
     * @return its counters.
     * @throws IllegalArgumentException when the index is past the capacity.
     */
    public synchronized PeerStatus registerPeer(final int index, final PeerEndpoint endpoint)
    {
        if (index >= peerCapacity || index > peers.length)
        {
            throw new IllegalArgumentException("peer index " + index + " past the counters' capacity " + peerCapacity);
        }
        if (index < peers.length)
        {
            // The removed peer's counters go first: the new ones may take their room.
            peers[index].freeCounters(manager);
        }
        final AtomicCounter[] counters = new AtomicCounter[COUNTERS_PER_PEER];
        for (final PeerCounterDescriptor d : PeerCounterDescriptor.values())
        {
            counters[d.ordinal()] = manager.newCounter(d.label() + ": " + endpoint.name(), PeerCounterDescriptor.TYPE_ID,
                (key) ->
                {
                    key.putInt(0, index);
                    key.putInt(4, d.id());
                });
        }
        final PeerStatus created = new PeerStatus(index, endpoint.name(), endpoint.priority().name().toLowerCase(), counters);
        final PeerStatus[] next;
        if (index == peers.length)
        {
            next = java.util.Arrays.copyOf(peers, index + 1);
        }
        else
        {
            next = peers.clone();
        }
        next[index] = created;
        peers = next;
        system[SystemCounterDescriptor.PEERS_CONFIGURED.ordinal()].setRelease(next.length);
        return created;
    }

    /**
     * @return peers the counters make room for.
     */
    public int peerCapacity()
    {
        return peerCapacity;
    }

    /**
     * @param delegate the embedder's listener, or null.
     * @return a listener that records each completed broadcast here, then calls the delegate.
     */
    public ReceiptListener receiptRecorder(final ReceiptListener delegate, final EpochClock clock)
    {
        return new BlockRecorder(this, clock, delegate);
    }

    /**
     * @param descriptor which counter.
     * @return it.
     */
    public AtomicCounter counter(final SystemCounterDescriptor descriptor)
    {
        return system[descriptor.ordinal()];
    }

    /**
     * @param descriptor which counter.
     * @return its value.
     */
    public long get(final SystemCounterDescriptor descriptor)
    {
        return system[descriptor.ordinal()].get();
    }

    /**
     * Atomic increment: any thread (system counters have several writers).
     *
     * @param descriptor which counter.
     */
    public void increment(final SystemCounterDescriptor descriptor)
    {
        system[descriptor.ordinal()].increment();
    }

    /**
     * @return registered peers.
     */
    public int peerCount()
    {
        return peers.length;
    }

    /**
     * @param index configuration index.
     * @return that peer's counters.
     */
    public PeerStatus peer(final int index)
    {
        return peers[index];
    }

    /**
     * @param stage which moment.
     * @return its recorder.
     */
    public LatencyRecorder stage(final FanoutStage stage)
    {
        return stages[stage.ordinal()];
    }

    /**
     * @param level which share of the peers.
     * @return its recorder.
     */
    public LatencyRecorder propagation(final PropagationLevel level)
    {
        return propagation[level.ordinal()];
    }

    /**
     * @return the last blocks' per-peer timelines.
     */
    public BlockTimeline timeline()
    {
        return timeline;
    }

    /**
     * Count one local dashd RPC {@code submitblock} answer (the fallback thread).
     *
     * @param result the answer.
     */
    public void onRpcResult(final SubmitBlockResult.Status result)
    {
        switch (result)
        {
            case ACCEPTED:
                increment(SystemCounterDescriptor.RPC_ACCEPTED);
                break;
            case DUPLICATE:
                increment(SystemCounterDescriptor.RPC_DUPLICATE);
                break;
            case INCONCLUSIVE:
                increment(SystemCounterDescriptor.RPC_INCONCLUSIVE);
                break;
            case REJECTED:
                increment(SystemCounterDescriptor.RPC_REJECTED);
                break;
            default:
                increment(SystemCounterDescriptor.RPC_FAILED);
        }
    }

    /**
     * Mark the file alive (the sampler, periodically).
     *
     * @param epochMs now.
     */
    public void heartbeat(final long epochMs)
    {
        header.putLongRelease(CountersFileDescriptor.HEARTBEAT_MS_OFFSET, epochMs);
    }

    /**
     * @return a reader over every counter (labels, types, keys, values).
     */
    public CountersReader reader()
    {
        return manager;
    }

    /**
     * @return the counters file, or null when the counters live on the heap.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Unmap the file (it stays on disk for post-mortem reading).
     */
    @Override
    public synchronized void close()
    {
        if (!closed)
        {
            closed = true;
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
        }
    }
}
