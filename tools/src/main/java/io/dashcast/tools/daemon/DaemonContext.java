package io.dashcast.tools.daemon;

import io.dashcast.engine.IdleMode;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.protocol.Network;
import io.dashcast.tools.config.BroadcastPeersConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything the daemon needs, filled from the command line and the peers file, validated once
 * by {@link #conclude()}.
 */
public final class DaemonContext
{
    /** Upper bound of {@code --loops}: broadcast loops per available core. */
    public static final int LOOPS_PER_CORE = 4;

    private Network network = Network.MAINNET;
    private BroadcastPeersConfig peers;
    private boolean broadcastPeers = true;
    private int maxPeers = -1;
    private int minPeers = -1;
    private boolean fallback = true;
    private DashdRpcClient.Context dashd = new DashdRpcClient.Context();
    private boolean rpcServer = true;
    private InetAddress rpcBindAddress = InetAddress.getLoopbackAddress();
    private int rpcPort = 9997;
    private String rpcUser;
    private String rpcPassword;
    private Path rpcCookieFile;
    private boolean sharedMemory = true;
    private Path sharedMemoryPath;
    private int sharedMemoryCapacityBytes = 16 * 1024 * 1024;
    private Supplier<IdleStrategy> sharedMemoryIdleStrategy = DaemonContext::defaultSharedMemoryIdleStrategy;
    private int loops;
    private int uplinkMbps;
    private InetSocketAddress socksProxy;
    private long uploadCapBytesPerSecond;
    private long peerUploadCapBytesPerSecond;
    private IdleMode idleMode = IdleMode.BLOCKING_SELECT;
    private Path countersFile;
    private int metricsPort = -1;
    private InetAddress metricsBindAddress = InetAddress.getLoopbackAddress();
    private String metricsUser;
    private String metricsPassword;
    private Path histogramLog;
    private long histogramLogIntervalMs = 10_000;
    private long chainPollMs = 5_000;
    private Path peerStore;
    private boolean discover;
    private boolean validateBlocks = true;
    private int ringSize = io.dashcast.engine.BroadcasterContext.DEFAULT_RING_SIZE;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private boolean timestamps = true;
    private Consumer<SubmissionReport> reportListener = report -> { };

    /**
     * Validate and derive defaults.
     *
     * @return this.
     */
    public DaemonContext conclude()
    {
        if (peers == null)
        {
            peers = BroadcastPeersConfig.localDashdOnly(network.defaultPort());
        }
        if (!broadcastPeers)
        {
            // --broadcast-peers false: the old behaviour, the local dashd only (P2P and RPC).
            peers = BroadcastPeersConfig.localDashdOnly(network.defaultPort());
        }
        checkLoops(loops, Runtime.getRuntime().availableProcessors());
        if (maxPeers == 0 || minPeers < -1 || maxPeers < -1)
        {
            throw new IllegalArgumentException("--broadcast-max-peers must be >= 1 and --broadcast-min-peers >= 0");
        }
        if (maxPeers > 0 && minPeers > maxPeers)
        {
            throw new IllegalArgumentException("--broadcast-min-peers " + minPeers + " exceeds --broadcast-max-peers " +
                maxPeers);
        }
        if (!rpcBindAddress.isLoopbackAddress() && (rpcUser == null || rpcPassword == null))
        {
            throw new IllegalArgumentException("a non-loopback --rpc-bind needs --rpc-user and --rpc-password");
        }
        if ((rpcUser == null) != (rpcPassword == null))
        {
            throw new IllegalArgumentException("give both --rpc-user and --rpc-password, or neither (cookie auth)");
        }
        if ((metricsUser == null) != (metricsPassword == null))
        {
            throw new IllegalArgumentException("give both --metrics-user and --metrics-password, or neither");
        }
        if (metricsPort >= 0 && !metricsBindAddress.isLoopbackAddress() && metricsUser == null)
        {
            throw new IllegalArgumentException("a non-loopback --metrics-bind needs --metrics-user and --metrics-password");
        }
        dashd.conclude();
        if (timestamps)
        {
            out = TimestampedLines.stamp(out);
            err = TimestampedLines.stamp(err);
            timestamps = false;
        }
        return this;
    }

    /**
     * Each broadcast loop is a thread with its own selector and buffers: more than a few per core
     * only adds context switches (and, at tens of thousands, exhausts threads and file descriptors).
     *
     * @param loops the {@code --loops} value.
     * @param cores processors available.
     * @throws IllegalArgumentException naming the flag when out of range.
     */
    static void checkLoops(final int loops, final int cores)
    {
        final int max = maxLoops(cores);
        if (loops < 0)
        {
            throw new IllegalArgumentException("--loops must be 0 (one per core) or 1.." + max + ", not " + loops);
        }
        if (loops > max)
        {
            throw new IllegalArgumentException("--loops " + loops + " is more than " + max + " (" + LOOPS_PER_CORE +
                " per core, " + cores + " cores here): each loop is a thread with its own selector; use 0 for one per core");
        }
    }

    /**
     * @param cores processors available.
     * @return the largest {@code --loops} accepted.
     */
    static int maxLoops(final int cores)
    {
        return Math.max(1, cores) * LOOPS_PER_CORE;
    }

    public Network network()
    {
        return network;
    }

    public DaemonContext network(final Network network)
    {
        this.network = network;
        return this;
    }

    public BroadcastPeersConfig peers()
    {
        return peers;
    }

    public DaemonContext peers(final BroadcastPeersConfig peers)
    {
        this.peers = peers;
        return this;
    }

    public boolean broadcastPeers()
    {
        return broadcastPeers;
    }

    public DaemonContext broadcastPeers(final boolean on)
    {
        this.broadcastPeers = on;
        return this;
    }

    /**
     * @return the effective max_peers: the command line's, else the file's.
     */
    public int maxPeers()
    {
        return maxPeers > 0 ? maxPeers : peers.settings().maxPeers();
    }

    public DaemonContext maxPeers(final int maxPeers)
    {
        this.maxPeers = maxPeers;
        return this;
    }

    /** Busy polls of an empty shared-memory queue before yielding ({@link #defaultSharedMemoryIdleStrategy()}). */
    public static final long SHM_IDLE_SPINS = 100;
    /** Yields before parking. */
    public static final long SHM_IDLE_YIELDS = 10;
    /** First park. */
    public static final long SHM_IDLE_MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);
    /** Longest park, where an idle queue thread stays: its wake-up cost and its CPU use when idle. */
    public static final long SHM_IDLE_MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);

    /**
     * The shared-memory queue thread's default idle strategy: spin {@link #SHM_IDLE_SPINS} polls,
     * yield {@link #SHM_IDLE_YIELDS} times, then park from {@link #SHM_IDLE_MIN_PARK_NS} doubling up
     * to {@link #SHM_IDLE_MAX_PARK_NS}. A block written after quiet waits at most about one longest
     * park (plus the kernel's timer slack) instead of the 1 ms sleep used before; idle, the thread
     * wakes several thousand times a second and used about 8 % of one core (at load 20), never all of it
     * (measured in docs/bench-deployment-2026-12-06-after2.md).
     *
     * @return a new strategy.
     */
    public static IdleStrategy defaultSharedMemoryIdleStrategy()
    {
        return new BackoffIdleStrategy(SHM_IDLE_SPINS, SHM_IDLE_YIELDS, SHM_IDLE_MIN_PARK_NS, SHM_IDLE_MAX_PARK_NS);
    }

    /**
     * @return makes the shared-memory queue thread's idle strategy.
     */
    public Supplier<IdleStrategy> sharedMemoryIdleStrategy()
    {
        return sharedMemoryIdleStrategy;
    }

    /**
     * @param strategy makes the idle strategy of the thread that polls the shared-memory queue
     *                 (default {@link #defaultSharedMemoryIdleStrategy()}; e.g. a
     *                 {@link org.agrona.concurrent.BusySpinIdleStrategy} on a machine with a core to spare).
     * @return this.
     */
    public DaemonContext sharedMemoryIdleStrategy(final Supplier<IdleStrategy> strategy)
    {
        this.sharedMemoryIdleStrategy = strategy;
        return this;
    }

    /**
     * @return the effective min_peers: the command line's, else the file's.
     */
    public int minPeers()
    {
        return minPeers >= 0 ? minPeers : peers.settings().minPeers();
    }

    public DaemonContext minPeers(final int minPeers)
    {
        this.minPeers = minPeers;
        return this;
    }

    public boolean fallback()
    {
        return fallback;
    }

    public DaemonContext fallback(final boolean on)
    {
        this.fallback = on;
        return this;
    }

    public DashdRpcClient.Context dashd()
    {
        return dashd;
    }

    public DaemonContext dashd(final DashdRpcClient.Context dashd)
    {
        this.dashd = dashd;
        return this;
    }

    public boolean rpcServer()
    {
        return rpcServer;
    }

    public DaemonContext rpcServer(final boolean on)
    {
        this.rpcServer = on;
        return this;
    }

    public InetAddress rpcBindAddress()
    {
        return rpcBindAddress;
    }

    public DaemonContext rpcBindAddress(final InetAddress address)
    {
        this.rpcBindAddress = address;
        return this;
    }

    public int rpcPort()
    {
        return rpcPort;
    }

    public DaemonContext rpcPort(final int port)
    {
        this.rpcPort = port;
        return this;
    }

    public String rpcUser()
    {
        return rpcUser;
    }

    public DaemonContext rpcUser(final String user)
    {
        this.rpcUser = user;
        return this;
    }

    public String rpcPassword()
    {
        return rpcPassword;
    }

    public DaemonContext rpcPassword(final String password)
    {
        this.rpcPassword = password;
        return this;
    }

    public Path rpcCookieFile()
    {
        return rpcCookieFile;
    }

    public DaemonContext rpcCookieFile(final Path file)
    {
        this.rpcCookieFile = file;
        return this;
    }

    public boolean sharedMemory()
    {
        return sharedMemory;
    }

    public DaemonContext sharedMemory(final boolean on)
    {
        this.sharedMemory = on;
        return this;
    }

    public Path sharedMemoryPath()
    {
        return sharedMemoryPath;
    }

    public DaemonContext sharedMemoryPath(final Path path)
    {
        this.sharedMemoryPath = path;
        return this;
    }

    public int sharedMemoryCapacityBytes()
    {
        return sharedMemoryCapacityBytes;
    }

    public DaemonContext sharedMemoryCapacityBytes(final int bytes)
    {
        this.sharedMemoryCapacityBytes = bytes;
        return this;
    }

    /**
     * @return the uplink budget the send policy weighs compact against full blocks with; 0 = unlimited.
     */
    /**
     * @return the SOCKS5 proxy every peer is reached through, or null for direct connections.
     */
    public InetSocketAddress socksProxy()
    {
        return socksProxy;
    }

    /**
     * @param proxy a SOCKS5 proxy (e.g. Tor's) for every peer, or null.
     * @return this.
     */
    public DaemonContext socksProxy(final InetSocketAddress proxy)
    {
        this.socksProxy = proxy;
        return this;
    }

    /**
     * @return overall upload cap in bytes per second, 0 for none.
     */
    public long uploadCapBytesPerSecond()
    {
        return uploadCapBytesPerSecond;
    }

    /**
     * @param bytesPerSecond overall upload cap, 0 for none.
     * @return this.
     */
    public DaemonContext uploadCapBytesPerSecond(final long bytesPerSecond)
    {
        this.uploadCapBytesPerSecond = bytesPerSecond;
        return this;
    }

    /**
     * @return per-peer upload cap in bytes per second, 0 for none.
     */
    public long peerUploadCapBytesPerSecond()
    {
        return peerUploadCapBytesPerSecond;
    }

    /**
     * @param bytesPerSecond per-peer upload cap, 0 for none.
     * @return this.
     */
    public DaemonContext peerUploadCapBytesPerSecond(final long bytesPerSecond)
    {
        this.peerUploadCapBytesPerSecond = bytesPerSecond;
        return this;
    }

    public int uplinkMbps()
    {
        return uplinkMbps;
    }

    public DaemonContext uplinkMbps(final int mbps)
    {
        this.uplinkMbps = mbps;
        return this;
    }

    public int loops()
    {
        return loops;
    }

    public DaemonContext loops(final int loops)
    {
        this.loops = loops;
        return this;
    }

    public IdleMode idleMode()
    {
        return idleMode;
    }

    public DaemonContext idleMode(final IdleMode mode)
    {
        this.idleMode = mode;
        return this;
    }

    /**
     * @return the counters file {@code dashcast stat} reads, or null to keep the counters on the heap.
     */
    public Path countersFile()
    {
        return countersFile;
    }

    public DaemonContext countersFile(final Path file)
    {
        this.countersFile = file;
        return this;
    }

    /**
     * @return true when {@link #conclude()} is still to put a UTC timestamp in front of every log line.
     */
    public boolean timestamps()
    {
        return timestamps;
    }

    /**
     * @param on stamp every line written to {@link #out()} and {@link #err()} (default on).
     * @return this.
     */
    public DaemonContext timestamps(final boolean on)
    {
        this.timestamps = on;
        return this;
    }

    /**
     * @return port of /metrics, /health and the dashboard; 0 picks one, -1 (the default here; the
     * command line's is 9998) keeps it closed.
     */
    public int metricsPort()
    {
        return metricsPort;
    }

    public DaemonContext metricsPort(final int port)
    {
        this.metricsPort = port;
        return this;
    }

    public InetAddress metricsBindAddress()
    {
        return metricsBindAddress;
    }

    public DaemonContext metricsBindAddress(final InetAddress address)
    {
        this.metricsBindAddress = address;
        return this;
    }

    /**
     * @return Basic auth user for /metrics, or null for none (the dashboard always uses the RPC credentials).
     */
    public String metricsUser()
    {
        return metricsUser;
    }

    public DaemonContext metricsUser(final String user)
    {
        this.metricsUser = user;
        return this;
    }

    public String metricsPassword()
    {
        return metricsPassword;
    }

    public DaemonContext metricsPassword(final String password)
    {
        this.metricsPassword = password;
        return this;
    }

    /**
     * @return the HdrHistogram interval log file, or null for none.
     */
    public Path histogramLog()
    {
        return histogramLog;
    }

    public DaemonContext histogramLog(final Path file)
    {
        this.histogramLog = file;
        return this;
    }

    public long histogramLogIntervalMs()
    {
        return histogramLogIntervalMs;
    }

    public DaemonContext histogramLogIntervalMs(final long ms)
    {
        this.histogramLogIntervalMs = ms;
        return this;
    }

    /**
     * @return how often our blocks' fate is asked of the local dashd; 0 to not follow them.
     */
    public long chainPollMs()
    {
        return chainPollMs;
    }

    public DaemonContext chainPollMs(final long ms)
    {
        this.chainPollMs = ms;
        return this;
    }

    /**
     * @return the peer store file, or null to keep no store.
     */
    public Path peerStore()
    {
        return peerStore;
    }

    public DaemonContext peerStore(final Path file)
    {
        this.peerStore = file;
        return this;
    }

    /**
     * @return whether peers beyond the configured ones are discovered and chosen by score.
     */
    public boolean discover()
    {
        return discover;
    }

    public DaemonContext discover(final boolean discover)
    {
        this.discover = discover;
        return this;
    }

    /**
     * @return told of every block's report, whatever its ingress.
     */
    public Consumer<SubmissionReport> reportListener()
    {
        return reportListener;
    }

    /**
     * @param listener told of every block's report after it is logged, on the thread that completed
     *                 it; must not block (tests, soak, monitoring).
     * @return this.
     */
    public DaemonContext reportListener(final Consumer<SubmissionReport> listener)
    {
        this.reportListener = listener;
        return this;
    }

    /**
     * @return whether blocks pass the validation gate (proof of work, merkle root) before any peer.
     */
    public boolean validateBlocks()
    {
        return validateBlocks;
    }

    /**
     * @param on false only where blocks cannot meet their network's proof of work on purpose (the
     *           demo's synthetic blocks on mainnet magic); never for a real pool.
     * @return this.
     */
    public DaemonContext validateBlocks(final boolean on)
    {
        this.validateBlocks = on;
        return this;
    }

    /**
     * @return broadcast ring slots: blocks in flight or held back for want of a parent at once.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * A block held back for a peer that lacks its parent keeps its slot (and the slots after it)
     * until the parent reaches that peer or its broadcast time-out passes: a burst of more unconnected
     * blocks than slots waits for slots (shm) or is refused "ring full" (API, RPC). Each slot holds a
     * maximum-size block; the default 64 slots are ~160 MB resident.
     *
     * @param slots a power of two.
     * @return this.
     */
    public DaemonContext ringSize(final int slots)
    {
        this.ringSize = slots;
        return this;
    }

    public PrintStream out()
    {
        return out;
    }

    public DaemonContext out(final PrintStream out)
    {
        this.out = out;
        return this;
    }

    public PrintStream err()
    {
        return err;
    }

    public DaemonContext err(final PrintStream err)
    {
        this.err = err;
        return this;
    }
}
