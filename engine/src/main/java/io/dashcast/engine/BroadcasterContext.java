package io.dashcast.engine;

import io.dashcast.engine.status.EngineStatus;
import io.dashcast.protocol.Network;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of a {@link Broadcaster}, in the style of an Aeron {@code Context}: fluent setters,
 * then {@link #conclude()} validates everything once and derives the rest. Durations are in
 * nanoseconds; the defaults follow the seed's {@code settings} block and Dash Core's timeouts.
 */
public final class BroadcasterContext
{
    /** Default ring slots: bursts of this many blocks are absorbed without rejection. */
    public static final int DEFAULT_RING_SIZE = 64;
    /**
     * Warm-up blocks at launch the daemon asks for (about 1.5 s on a 2-core machine): enough that
     * X11 and the gate are compiled by C2, not only by C1 as after 3,000 (the first block's X11
     * took 100-190 us instead of 70-80 us; docs/bench-deployment-2026-12-07-warm-up.md).
     */
    public static final int DEFAULT_WARM_UP_ITERATIONS = 10_000;
    /**
     * Rehearsal blocks at launch the daemon asks for: about 2 s of start-up on a 2-core machine
     * (4 rehearsal peers a loop, so each per-peer step runs 8,000 times on 2 loops and is C2 code by
     * the first real block; docs/bench-deployment-2026-12-07-rehearsal.md).
     */
    public static final int DEFAULT_REHEARSAL_BLOCKS = 2_000;
    /** Idle time after which the daemon's loops keep the send path warm. */
    public static final long DEFAULT_KEEP_WARM_IDLE_NS = TimeUnit.SECONDS.toNanos(1);
    /** Default blocks kept after broadcast to answer {@code getdata}. */
    public static final int DEFAULT_RETAINED_BLOCKS = 8;
    public static final long DEFAULT_BROADCAST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    public static final long DEFAULT_CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    public static final long DEFAULT_PING_INTERVAL_NS = TimeUnit.SECONDS.toNanos(30);
    public static final long DEFAULT_PING_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    public static final long DEFAULT_RECONNECT_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(500);
    public static final long DEFAULT_RECONNECT_MAX_DELAY_NS = TimeUnit.SECONDS.toNanos(30);
    public static final int DEFAULT_BREAKER_THRESHOLD = 5;
    public static final long DEFAULT_BREAKER_COOLDOWN_NS = TimeUnit.SECONDS.toNanos(60);
    public static final String DEFAULT_USER_AGENT = "/dashcast:0.1.0/";
    /** Default size of the distinct error log: 64 KiB. */
    public static final int DEFAULT_ERROR_LOG_BUFFER_BYTES = 64 * 1024;
    /** Default indexes of the live peer table (see {@link #peerCapacity()}). */
    public static final int DEFAULT_PEER_CAPACITY = 64;

    private boolean concluded;
    private Network network = Network.MAINNET;
    private final List<PeerEndpoint> peers = new ArrayList<>();
    private int loopCount = 0;
    private int ringSize = DEFAULT_RING_SIZE;
    private int retainedBlocks = DEFAULT_RETAINED_BLOCKS;
    private int maxBlockBytes = Network.MAX_BLOCK_SIZE;
    private long broadcastTimeoutNs = DEFAULT_BROADCAST_TIMEOUT_NS;
    private long connectTimeoutNs = DEFAULT_CONNECT_TIMEOUT_NS;
    private long handshakeTimeoutNs = DEFAULT_HANDSHAKE_TIMEOUT_NS;
    private long pingIntervalNs = DEFAULT_PING_INTERVAL_NS;
    private long pingTimeoutNs = DEFAULT_PING_TIMEOUT_NS;
    private long reconnectDelayNs = DEFAULT_RECONNECT_DELAY_NS;
    private long reconnectMaxDelayNs = DEFAULT_RECONNECT_MAX_DELAY_NS;
    private int breakerThreshold = DEFAULT_BREAKER_THRESHOLD;
    private long breakerCooldownNs = DEFAULT_BREAKER_COOLDOWN_NS;
    private IdleMode idleMode = IdleMode.BLOCKING_SELECT;
    private int sendBufferBytes = 0;
    private InetSocketAddress socksProxy;
    private int receiveBufferBytes = 0;
    private String userAgent = DEFAULT_USER_AGENT;
    private int startHeight = 0;
    private boolean pushWhenParentUnknown = true;
    private int uplinkMbps = 0;
    private long uploadCapBytesPerSecond = 0;
    private long peerUploadCapBytesPerSecond = 0;
    private boolean compactBlocks = true;
    private boolean parallelHashing = Runtime.getRuntime().availableProcessors() > 1;
    private int warmUpIterations = 0;
    private int rehearsalBlocks = 0;
    private long keepWarmIdleNs = 0;
    private long localNonce = 0;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private ReceiptListener receiptListener = null;
    private ErrorHandler errorHandler = null;
    private int errorLogBufferBytes = DEFAULT_ERROR_LOG_BUFFER_BYTES;
    private ThreadingMode threadingMode = ThreadingMode.DEDICATED;
    private HostResolver hostResolver = HostResolver.SYSTEM;
    private String threadNamePrefix = "dashcast-loop-";
    private EngineStatus status = null;
    private int peerCapacity = 0;

    /**
     * Validate and derive. Called by {@link Broadcaster#launch(BroadcasterContext)}; idempotent.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting and the fix.
     */
    public BroadcasterContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        ContextChecks.validate(this);
        if (loopCount <= 0)
        {
            loopCount = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), peers.size()));
        }
        if (localNonce == 0)
        {
            localNonce = ThreadLocalRandom.current().nextLong() | 1L;
        }
        if (peerCapacity <= 0)
        {
            peerCapacity = Math.max(DEFAULT_PEER_CAPACITY, peers.size());
        }
        if (status == null)
        {
            status = EngineStatus.inMemory(peerCapacity, epochClock);
        }
        // The counters make room for so many peers; the table holds no more (the configured ones always fit).
        peerCapacity = Math.max(peers.size(), Math.min(peerCapacity, status.peerCapacity()));
        status.registerPeers(peers);
        receiptListener = status.receiptRecorder(receiptListener, epochClock);
        concluded = true;
        return this;
    }

    /**
     * @return indexes of the live peer table: configured peers plus those added while running (and
     * removed ones until their loop closed them); 0 before conclude means
     * max({@value #DEFAULT_PEER_CAPACITY}, configured peers), capped by the status counters' room.
     */
    public int peerCapacity()
    {
        return peerCapacity;
    }

    /**
     * @param peerCapacity indexes of the live peer table (each costs a few words per ring slot).
     * @return this.
     */
    public BroadcasterContext peerCapacity(final int peerCapacity)
    {
        this.peerCapacity = peerCapacity;
        return this;
    }

    public Network network()
    {
        return network;
    }

    public BroadcasterContext network(final Network network)
    {
        this.network = network;
        return this;
    }

    /**
     * @return the configured peers, in configuration order (their index is their id in receipts).
     */
    public List<PeerEndpoint> peers()
    {
        return peers;
    }

    public BroadcasterContext addPeer(final PeerEndpoint peer)
    {
        peers.add(peer);
        return this;
    }

    public BroadcasterContext peers(final List<PeerEndpoint> peers)
    {
        this.peers.clear();
        this.peers.addAll(peers);
        return this;
    }

    /**
     * @return broadcast loops (threads); 0 before conclude means one per core, capped by the peer count.
     */
    public int loopCount()
    {
        return loopCount;
    }

    public BroadcasterContext loopCount(final int loopCount)
    {
        this.loopCount = loopCount;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public BroadcasterContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int retainedBlocks()
    {
        return retainedBlocks;
    }

    public BroadcasterContext retainedBlocks(final int retainedBlocks)
    {
        this.retainedBlocks = retainedBlocks;
        return this;
    }

    public int maxBlockBytes()
    {
        return maxBlockBytes;
    }

    public BroadcasterContext maxBlockBytes(final int maxBlockBytes)
    {
        this.maxBlockBytes = maxBlockBytes;
        return this;
    }

    public long broadcastTimeoutNs()
    {
        return broadcastTimeoutNs;
    }

    public BroadcasterContext broadcastTimeoutNs(final long ns)
    {
        this.broadcastTimeoutNs = ns;
        return this;
    }

    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    public BroadcasterContext connectTimeoutNs(final long ns)
    {
        this.connectTimeoutNs = ns;
        return this;
    }

    public long handshakeTimeoutNs()
    {
        return handshakeTimeoutNs;
    }

    public BroadcasterContext handshakeTimeoutNs(final long ns)
    {
        this.handshakeTimeoutNs = ns;
        return this;
    }

    public long pingIntervalNs()
    {
        return pingIntervalNs;
    }

    public BroadcasterContext pingIntervalNs(final long ns)
    {
        this.pingIntervalNs = ns;
        return this;
    }

    public long pingTimeoutNs()
    {
        return pingTimeoutNs;
    }

    public BroadcasterContext pingTimeoutNs(final long ns)
    {
        this.pingTimeoutNs = ns;
        return this;
    }

    /**
     * @return first back-off after a peer is lost; it doubles (with jitter) per failure in a row up
     * to {@link #reconnectMaxDelayNs()}.
     */
    public long reconnectDelayNs()
    {
        return reconnectDelayNs;
    }

    public BroadcasterContext reconnectDelayNs(final long ns)
    {
        this.reconnectDelayNs = ns;
        return this;
    }

    /**
     * @return the back-off cap: the seed's {@code reconnect_delay}. A peer whose port is closed is
     * tried at least this often, and a critical peer is never held off longer, breaker or not.
     */
    public long reconnectMaxDelayNs()
    {
        return reconnectMaxDelayNs;
    }

    public BroadcasterContext reconnectMaxDelayNs(final long ns)
    {
        this.reconnectMaxDelayNs = ns;
        return this;
    }

    /**
     * @return failed handshakes in a row (connected, then closed, timed out or refused by protocol)
     * that open the circuit breaker; refused or timed-out connects never count.
     */
    public int breakerThreshold()
    {
        return breakerThreshold;
    }

    public BroadcasterContext breakerThreshold(final int failures)
    {
        this.breakerThreshold = failures;
        return this;
    }

    public long breakerCooldownNs()
    {
        return breakerCooldownNs;
    }

    public BroadcasterContext breakerCooldownNs(final long ns)
    {
        this.breakerCooldownNs = ns;
        return this;
    }

    public IdleMode idleMode()
    {
        return idleMode;
    }

    public BroadcasterContext idleMode(final IdleMode idleMode)
    {
        this.idleMode = idleMode;
        return this;
    }

    /**
     * @return the SOCKS5 proxy every peer without its own {@link PeerEndpoint#proxy()} is reached
     * through (e.g. Tor's 127.0.0.1:9050), or null to connect directly.
     */
    public InetSocketAddress socksProxy()
    {
        return socksProxy;
    }

    /**
     * @param proxy a SOCKS5 proxy without authentication for all peers (the proxy resolves their
     *              host names: nothing is looked up locally), or null for direct connections.
     * @return this.
     */
    public BroadcasterContext socksProxy(final InetSocketAddress proxy)
    {
        this.socksProxy = proxy;
        return this;
    }

    /**
     * @param endpoint a peer.
     * @return the proxy to reach it through, or null to connect directly.
     */
    public InetSocketAddress proxyFor(final PeerEndpoint endpoint)
    {
        return endpoint.proxy() != null ? endpoint.proxy() : socksProxy;
    }

    /**
     * @return SO_SNDBUF to request; 0 leaves the kernel's auto-tuning on (which grows to tcp_wmem's
     * maximum, larger than an explicit request may be without CAP_NET_ADMIN).
     */
    public int sendBufferBytes()
    {
        return sendBufferBytes;
    }

    public BroadcasterContext sendBufferBytes(final int bytes)
    {
        this.sendBufferBytes = bytes;
        return this;
    }

    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    public BroadcasterContext receiveBufferBytes(final int bytes)
    {
        this.receiveBufferBytes = bytes;
        return this;
    }

    public String userAgent()
    {
        return userAgent;
    }

    public BroadcasterContext userAgent(final String userAgent)
    {
        this.userAgent = userAgent;
        return this;
    }

    /**
     * @return start height announced in our {@code version} (honest: what we know of the chain).
     */
    public int startHeight()
    {
        return startHeight;
    }

    public BroadcasterContext startHeight(final int startHeight)
    {
        this.startHeight = startHeight;
        return this;
    }

    /**
     * @return true to push a full block to a peer whose tip we have not learned yet (the usual case
     * right after connecting); false to announce only the header to such peers and serve
     * {@code getdata}. Peers known to be on another tip always get the header only.
     */
    public boolean pushWhenParentUnknown()
    {
        return pushWhenParentUnknown;
    }

    public BroadcasterContext pushWhenParentUnknown(final boolean push)
    {
        this.pushWhenParentUnknown = push;
        return this;
    }

    /**
     * @return uplink budget in Mbit/s that the send policy weighs a compact block's saving against a
     * round trip with; 0 (the default) for unlimited, which sends full blocks except to our own dashd.
     */
    public int uplinkMbps()
    {
        return uplinkMbps;
    }

    public BroadcasterContext uplinkMbps(final int mbps)
    {
        this.uplinkMbps = mbps;
        return this;
    }

    /**
     * @return the most bytes per second written to all peers together (split evenly over the loops),
     * or 0 (the default) for no cap.
     */
    public long uploadCapBytesPerSecond()
    {
        return uploadCapBytesPerSecond;
    }

    /**
     * @param bytesPerSecond overall upload cap, 0 for none. The pacing of big blocks and the send
     *                       policy take it as the uplink when it is tighter than {@link #uplinkMbps()}.
     * @return this.
     */
    public BroadcasterContext uploadCapBytesPerSecond(final long bytesPerSecond)
    {
        this.uploadCapBytesPerSecond = bytesPerSecond;
        return this;
    }

    /**
     * @return the most bytes per second written to any one peer, or 0 (the default) for no cap.
     */
    public long peerUploadCapBytesPerSecond()
    {
        return peerUploadCapBytesPerSecond;
    }

    /**
     * @param bytesPerSecond per-peer upload cap, 0 for none.
     * @return this.
     */
    public BroadcasterContext peerUploadCapBytesPerSecond(final long bytesPerSecond)
    {
        this.peerUploadCapBytesPerSecond = bytesPerSecond;
        return this;
    }

    /**
     * @return the uplink the send policy and pacing plan with: {@link #uplinkMbps()}, or the overall
     * upload cap when that is tighter (or the only one given); 0 for unlimited.
     */
    public int effectiveUplinkMbps()
    {
        final int capMbps = uploadCapBytesPerSecond == 0 ? 0 :
            (int)Math.max(1, Math.min(Integer.MAX_VALUE, uploadCapBytesPerSecond * 8 / 1_000_000));
        return uplinkMbps == 0 ? capMbps : capMbps == 0 ? uplinkMbps : Math.min(uplinkMbps, capMbps);
    }

    /**
     * @return true (the default) to encode a {@code cmpctblock} per block and send it where the send
     * policy prefers it; false to send full blocks only (requests for compact blocks are then
     * answered with the full block).
     */
    public boolean compactBlocks()
    {
        return compactBlocks;
    }

    public BroadcasterContext compactBlocks(final boolean enabled)
    {
        this.compactBlocks = enabled;
        return this;
    }

    /**
     * @return true (the default on more than one core) to share a big block's hashing before its
     * first byte (the validation gate's merkle pass and the frame checksum) with a helper thread, so
     * that byte goes out sooner; false to hash on the submitting thread alone.
     */
    public boolean parallelHashing()
    {
        return parallelHashing;
    }

    public BroadcasterContext parallelHashing(final boolean enabled)
    {
        this.parallelHashing = enabled;
        return this;
    }

    /**
     * @return dummy blocks {@link Broadcaster#launch} runs through the send path (validation, copy
     * and checksum, compact frame, X11, socket writes to a loopback sink) before it returns, while the
     * peers connect, so the first real block does not meet interpreted code; 0 (the library's
     * default) for none. The daemon uses {@link #DEFAULT_WARM_UP_ITERATIONS}.
     */
    public int warmUpIterations()
    {
        return warmUpIterations;
    }

    public BroadcasterContext warmUpIterations(final int iterations)
    {
        this.warmUpIterations = iterations;
        return this;
    }

    /**
     * @return dummy regtest blocks {@link Broadcaster#launch} first pushes through a rehearsal
     * broadcaster of the same make to a node of its own on loopback (its only peers), so the loops'
     * per-peer send steps are compiled before the first real block; 0 (the library's default) for
     * none. The daemon uses {@link #DEFAULT_REHEARSAL_BLOCKS}. Nothing of it reaches a configured peer.
     */
    public int rehearsalBlocks()
    {
        return rehearsalBlocks;
    }

    public BroadcasterContext rehearsalBlocks(final int blocks)
    {
        this.rehearsalBlocks = blocks;
        return this;
    }

    /**
     * @return after this long without a block, a broadcast loop runs one dummy block through the send
     * path (to its own loopback sink, never to a peer), and again each time as long passes; 0 (the
     * library's default) for never. The daemon uses {@link #DEFAULT_KEEP_WARM_IDLE_NS}.
     */
    public long keepWarmIdleNs()
    {
        return keepWarmIdleNs;
    }

    public BroadcasterContext keepWarmIdleNs(final long idleNs)
    {
        this.keepWarmIdleNs = idleNs;
        return this;
    }

    /**
     * @return our {@code version} nonce, used to detect connections to ourselves.
     */
    public long localNonce()
    {
        return localNonce;
    }

    public BroadcasterContext localNonce(final long nonce)
    {
        this.localNonce = nonce;
        return this;
    }

    /**
     * @return the loops' monotonic clock, read once per duty cycle (a manual clock in tests).
     */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    public BroadcasterContext nanoClock(final NanoClock clock)
    {
        this.nanoClock = clock;
        return this;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    public BroadcasterContext epochClock(final EpochClock clock)
    {
        this.epochClock = clock;
        return this;
    }

    public ReceiptListener receiptListener()
    {
        return receiptListener;
    }

    /**
     * @param listener called on a broadcast loop thread when every peer's outcome for a block is
     *                 known; must not block.
     * @return this.
     */
    public BroadcasterContext receiptListener(final ReceiptListener listener)
    {
        this.receiptListener = listener;
        return this;
    }

    /**
     * @return the handler told of each error after it is counted and recorded in the distinct error
     * log ({@link Broadcaster#readErrors}); null (the default) for the log alone.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    public BroadcasterContext errorHandler(final ErrorHandler handler)
    {
        this.errorHandler = handler;
        return this;
    }

    /**
     * @return bytes of the distinct error log ({@link Broadcaster#errorLogBuffer()}).
     */
    public int errorLogBufferBytes()
    {
        return errorLogBufferBytes;
    }

    public BroadcasterContext errorLogBufferBytes(final int bytes)
    {
        this.errorLogBufferBytes = bytes;
        return this;
    }

    /**
     * @return whether the loops get their own threads or are driven through {@link Broadcaster#invoker()}.
     */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    public BroadcasterContext threadingMode(final ThreadingMode mode)
    {
        this.threadingMode = mode;
        return this;
    }

    public HostResolver hostResolver()
    {
        return hostResolver;
    }

    /**
     * @param resolver how peer host names become addresses (tests replace DNS with this).
     * @return this.
     */
    public BroadcasterContext hostResolver(final HostResolver resolver)
    {
        this.hostResolver = resolver;
        return this;
    }

    /**
     * @return where the engine's counters and latency recorders live; after {@link #conclude()}
     * never null (on the heap unless one over a counters file was set).
     */
    public EngineStatus status()
    {
        return status;
    }

    /**
     * @param status counters to write, e.g. {@link EngineStatus#mapFile} for {@code dashcast stat};
     *               the caller closes it after the broadcaster.
     * @return this.
     */
    public BroadcasterContext status(final EngineStatus status)
    {
        this.status = status;
        return this;
    }

    public String threadNamePrefix()
    {
        return threadNamePrefix;
    }

    public BroadcasterContext threadNamePrefix(final String prefix)
    {
        this.threadNamePrefix = prefix;
        return this;
    }

    // Gateway settings: the validation gate, once-per-block, the local dashd RPC path.
    private boolean validateBlocks = true;
    private int seenBlocks = 1024;
    private io.dashcast.engine.dashd.DashdRpcClient.Context dashdRpc;

    /**
     * @return whether every block passes the validation gate (proof of work, merkle root) before any peer gets it.
     */
    public boolean validateBlocks()
    {
        return validateBlocks;
    }

    /**
     * @param validate false only for benchmarks of blocks known good; a failing block makes peers ban us.
     * @return this.
     */
    public BroadcasterContext validateBlocks(final boolean validate)
    {
        this.validateBlocks = validate;
        return this;
    }

    /**
     * @return block hashes remembered so the same block is never broadcast twice by {@code submitAll}.
     */
    public int seenBlocks()
    {
        return seenBlocks;
    }

    /**
     * @param count block hashes to remember (at least 1).
     * @return this.
     */
    public BroadcasterContext seenBlocks(final int count)
    {
        ContextChecks.require(count >= 1, "seenBlocks must be >= 1");
        this.seenBlocks = count;
        return this;
    }

    /**
     * @return the local dashd whose RPC {@code submitblock} {@code submitAll} runs in parallel with P2P, or null.
     */
    public io.dashcast.engine.dashd.DashdRpcClient.Context dashdRpc()
    {
        return dashdRpc;
    }

    /**
     * @param dashd the local dashd's RPC settings; null (default) for P2P only.
     * @return this.
     */
    public BroadcasterContext dashdRpc(final io.dashcast.engine.dashd.DashdRpcClient.Context dashd)
    {
        this.dashdRpc = dashd;
        return this;
    }
}
