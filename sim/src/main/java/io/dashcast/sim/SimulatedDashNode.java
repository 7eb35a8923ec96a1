package io.dashcast.sim;

import io.dashcast.protocol.Network;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A simulated Dash Core v22.1.1 node that a dashcast client dials, so it sees the client as an
 * inbound peer. It listens on 127.0.0.1, runs one NIO selector thread, speaks the v1 P2P protocol
 * from the node's side and keeps a small block index (see {@link SimChain}).
 * <pre>
 *   try (SimulatedDashNode node = SimulatedDashNode.start(new SimulatedDashNode.Context().initialHeight(10)))
 *   {
 *       // dial 127.0.0.1:node.port(), handshake, push a block ...
 *       BlockArrival arrival = node.awaitBlock(hash, Duration.ofSeconds(5));
 *   }
 * </pre>
 * What it does as Dash Core does (inbound peer, {@code src/net_processing.cpp}): answers
 * {@code version} with {@code version}, {@code sendaddrv2}, {@code verack}; after the client's
 * verack sends {@code sendheaders}, {@code sendcmpct(0,1)}, {@code senddsq(1)}, a {@code ping}
 * and {@code getsporks}; answers every {@code ping} in order with everything else; verifies each
 * {@code block} and scores misbehaviour ({@link BlockVerdict}); answers {@code getheaders} and
 * {@code getdata}; requests announced blocks; announces new tips with {@code headers} or
 * {@code inv} exactly under SendMessages' rules (a peer gets {@code headers} only once it is known
 * to have the parent, e.g. after a {@code getheaders}).
 * <p>
 * Compact blocks (BIP152 version 1) from the node's side: a {@code cmpctblock} is rebuilt from
 * its prefilled transactions and a mempool the test fills ({@link #addToMempool(byte[])}), the
 * missing ones asked for with {@code getblocktxn} and filled from {@code blocktxn}, then the block
 * is validated like any other; a short-id collision or a rebuilt block failing its merkle root
 * falls back to {@code getdata} for the full block; an invalid compact block or a mismatching
 * {@code blocktxn} scores 100. After {@code headers} from a peer that sent {@code sendcmpct}
 * version 1 it asks for a lone new block as {@code MSG_CMPCT_BLOCK}, as Dash Core does.
 * <p>
 * What it does not do: BIP324 v2 transport, sending compact blocks (it never sends
 * {@code cmpctblock} nor serves {@code getblocktxn}), {@code headers2}, transaction relay (the
 * mempool is filled by the test only), UTXO/script/amount checks, masternode and quorum
 * messages, ChainLocks, difficulty retargeting (regtest: bits must equal the parent's; other
 * networks: only the header's own target is checked, capped at the regtest limit), the 1 MB limit
 * regtest keeps below height 2000 (the limit is {@link Context#maxBlockSizeBytes(int)}), IBD
 * (it always behaves as a synced node). Block bytes are kept in memory.
 */
public final class SimulatedDashNode implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_MS = 30_000;

    private final Context context;
    private final SimChain chain;
    private final ServerSocketChannel server;
    private final SimNodeLoop loop;
    private final Thread thread;
    private final Object monitor = new Object();
    private final int port;
    private volatile boolean closed;

    private SimulatedDashNode(final Context context) throws IOException
    {
        this.context = context;
        this.chain = new SimChain(context.network());
        final Selector selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try
        {
            if (context.receiveBufferBytes() > 0)
            {
                // Set before bind so accepted sockets inherit it (and the window scale fits it).
                server.setOption(StandardSocketOptions.SO_RCVBUF, context.receiveBufferBytes());
            }
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(context.bindAddress(), context.port()), 256);
            server.configureBlocking(false);
            this.port = ((InetSocketAddress)server.getLocalAddress()).getPort();
            this.loop = new SimNodeLoop(context, chain, selector, server, monitor);
            server.register(selector, java.nio.channels.SelectionKey.OP_ACCEPT);
            loadInitialChain();
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            selector.close();
            throw ex;
        }
        this.thread = new Thread(loop, "dashcast-sim-node-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Bind and start a node with the given configuration.
     *
     * @param context configuration; concluded here if not already.
     * @return the running node.
     * @throws UncheckedIOException when the port cannot be bound.
     */
    public static SimulatedDashNode start(final Context context)
    {
        try
        {
            return new SimulatedDashNode(context.conclude());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start simulated node on " + context.bindAddress() + ":" +
                context.port() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return a regtest node at height 0 on an ephemeral loopback port.
     */
    public static SimulatedDashNode start()
    {
        return start(new Context());
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return 127.0.0.1 (or the configured loopback address) and {@link #port()}.
     */
    public InetSocketAddress address()
    {
        return new InetSocketAddress(context.bindAddress(), port);
    }

    /**
     * @return the network it speaks.
     */
    public Network network()
    {
        return context.network();
    }

    /**
     * @return the concluded configuration.
     */
    public Context context()
    {
        return context;
    }

    /**
     * @return the live misbehaviour settings (change them at run time).
     */
    public SimMisbehaviour misbehaviour()
    {
        return context.misbehaviour();
    }

    /**
     * @return the block index (thread-safe getters).
     */
    public SimChain chain()
    {
        return chain;
    }

    /**
     * @return best tip height.
     */
    public int tipHeight()
    {
        return chain.height();
    }

    /**
     * @return best tip hash, internal order.
     */
    public byte[] tipHash()
    {
        return chain.tipHash();
    }

    /**
     * Build a coinbase-only block on the current tip with {@link TestBlocks}, connect it and announce it.
     *
     * @return the block's bytes.
     */
    public byte[] mineBlock()
    {
        return mineBlock(UnaryOperator.identity());
    }

    /**
     * Build a block on the current tip, customised (size, transactions, time...), connect and announce it.
     *
     * @param customise applied to the builder before {@link TestBlocks.Builder#build()}.
     * @return the block's bytes.
     * @throws IllegalStateException when the node rejected it (the customisation made it invalid).
     */
    public byte[] mineBlock(final UnaryOperator<TestBlocks.Builder> customise)
    {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        loop.post(() ->
        {
            try
            {
                final SimChain.Entry tip = chain.tip();
                final byte[] block = customise.apply(TestBlocks.on(tip.header, tip.height)
                    .time(Math.max(System.currentTimeMillis() / 1000, SimChain.medianTimePast(tip) + 1))).build();
                final BlockVerdict verdict = processLocal(block);
                if (!verdict.accepted())
                {
                    throw new IllegalStateException("node rejected the mined block: " + verdict);
                }
                result.complete(block);
            }
            catch (final RuntimeException ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return await(result);
    }

    /**
     * Hand the node a block as {@code submitblock} would (processed as requested, no peer to score),
     * announcing it to peers if it becomes the tip.
     *
     * @param block serialized block.
     * @return what the node made of it.
     */
    public BlockVerdict submitBlock(final byte[] block)
    {
        final byte[] copy = block.clone();
        final CompletableFuture<BlockVerdict> result = new CompletableFuture<>();
        loop.post(() ->
        {
            try
            {
                result.complete(processLocal(copy));
            }
            catch (final RuntimeException ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return await(result);
    }

    /**
     * Put a transaction in the node's mempool, where compact blocks are rebuilt from.
     *
     * @param tx serialized transaction.
     * @return its txid, internal order.
     */
    public byte[] addToMempool(final byte[] tx)
    {
        final byte[] copy = tx.clone();
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        loop.post(() -> result.complete(loop.protocol().mempool().add(copy)));
        return await(result);
    }

    /**
     * Put a transaction in the mempool filed under a txid that need not be its own: the way to
     * stage a short-id collision (the node takes this transaction for the block's one with that
     * txid, the rebuilt block fails its merkle root, and the node asks for the full block).
     *
     * @param tx   serialized transaction.
     * @param txid the txid (internal order) it is filed under.
     */
    public void addToMempool(final byte[] tx, final byte[] txid)
    {
        final byte[] copy = tx.clone();
        final byte[] id = txid.clone();
        final CompletableFuture<Boolean> result = new CompletableFuture<>();
        loop.post(() ->
        {
            loop.protocol().mempool().add(copy, id);
            result.complete(true);
        });
        await(result);
    }

    /**
     * @return transactions in the mempool (a block connected removes the ones it confirms).
     */
    public int mempoolSize()
    {
        final CompletableFuture<Integer> result = new CompletableFuture<>();
        loop.post(() -> result.complete(loop.protocol().mempool().size()));
        return await(result);
    }

    /**
     * @return every connection ever accepted, in accept order (ids are indexes); a snapshot.
     */
    public List<SimConnection> connections()
    {
        return new ArrayList<>(loop.connections());
    }

    /**
     * @return connections currently open.
     */
    public int openConnectionCount()
    {
        int n = 0;
        for (final SimConnection c : loop.connections())
        {
            n += c.isOpen() ? 1 : 0;
        }
        return n;
    }

    /**
     * @return every {@code block} message received on any connection, in arrival order; a snapshot.
     */
    public List<BlockArrival> blockArrivals()
    {
        return new ArrayList<>(loop.arrivals());
    }

    /**
     * Forget every block arrival recorded so far (node-wide and per connection), for long benchmark runs.
     */
    public void clearBlockArrivals()
    {
        loop.arrivals().clear();
        for (final SimConnection c : loop.connections())
        {
            c.clearBlocks();
        }
    }

    /**
     * @param hash block hash, internal order.
     * @return arrivals of that block on any connection, in order.
     */
    public List<BlockArrival> arrivalsOf(final byte[] hash)
    {
        final List<BlockArrival> matches = new ArrayList<>();
        for (final BlockArrival arrival : loop.arrivals())
        {
            if (arrival.isBlock(hash))
            {
                matches.add(arrival);
            }
        }
        return matches;
    }

    /**
     * Wait, without sleeping blindly, until a condition over the node's observable state holds.
     * The node wakes waiters after every duty cycle.
     *
     * @param condition checked at once and after each duty cycle.
     * @param timeout   bound.
     * @return true when it held, false on timeout.
     */
    public boolean await(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor)
        {
            while (!condition.getAsBoolean())
            {
                final long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0)
                {
                    return condition.getAsBoolean();
                }
                try
                {
                    monitor.wait(Math.min(remainingMs, 100));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param hash    block hash, internal order.
     * @param timeout bound.
     * @return the first arrival of that block on any connection, or null on timeout.
     */
    public BlockArrival awaitBlock(final byte[] hash, final Duration timeout)
    {
        await(() -> !arrivalsOf(hash).isEmpty(), timeout);
        final List<BlockArrival> matches = arrivalsOf(hash);
        return matches.isEmpty() ? null : matches.get(0);
    }

    /**
     * @param count   arrivals of the block wanted (e.g. one per connection).
     * @param hash    block hash, internal order.
     * @param timeout bound.
     * @return true when at least {@code count} arrivals of it were recorded.
     */
    public boolean awaitBlockArrivals(final int count, final byte[] hash, final Duration timeout)
    {
        return await(() -> arrivalsOf(hash).size() >= count, timeout);
    }

    /**
     * @param hash    block hash, internal order.
     * @param timeout bound.
     * @return true once it is the best tip.
     */
    public boolean awaitTip(final byte[] hash, final Duration timeout)
    {
        return await(() -> Arrays.equals(chain.tipHash(), hash), timeout);
    }

    /**
     * @param count   handshakes wanted (completed, even if closed since).
     * @param timeout bound.
     * @return the connections whose handshake completed, in accept order (may be fewer on timeout).
     */
    public List<SimConnection> awaitHandshakes(final int count, final Duration timeout)
    {
        await(() -> handshaken().size() >= count, timeout);
        return handshaken();
    }

    /**
     * @param count   connections wanted (accepted, whatever their state).
     * @param timeout bound.
     * @return the connections, in accept order (may be fewer on timeout).
     */
    public List<SimConnection> awaitConnections(final int count, final Duration timeout)
    {
        await(() -> loop.connections().size() >= count, timeout);
        return connections();
    }

    /**
     * Stop the thread, close every connection and the listening socket. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        loop.stop();
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return "SimulatedDashNode{" + context.network().cliName() + " 127.0.0.1:" + port + ", height=" + chain.height() + '}';
    }

    private List<SimConnection> handshaken()
    {
        final List<SimConnection> done = new ArrayList<>();
        for (final SimConnection c : loop.connections())
        {
            if (c.isHandshakeComplete())
            {
                done.add(c);
            }
        }
        return done;
    }

    private BlockVerdict processLocal(final byte[] block)
    {
        return loop.protocol().processBlock(null, new UnsafeBuffer(block), 0, block.length, System.nanoTime());
    }

    private void loadInitialChain()
    {
        final List<byte[]> blocks = new ArrayList<>(context.initialBlocks());
        if (context.initialHeight() > 0)
        {
            blocks.addAll(TestBlocks.chain(context.network(), context.initialHeight()));
        }
        for (final byte[] block : blocks)
        {
            final BlockVerdict verdict = processLocal(block);
            if (verdict != BlockVerdict.ACCEPTED_NEW_TIP)
            {
                throw new IllegalArgumentException("initial block " + TestBlocks.hashHex(block) + " at height " +
                    (chain.height() + 1) + " not connected: " + verdict);
            }
        }
    }

    private <T> T await(final CompletableFuture<T> result)
    {
        if (closed)
        {
            throw new IllegalStateException("node closed");
        }
        try
        {
            return result.get(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            throw cause instanceof RuntimeException ? (RuntimeException)cause : new IllegalStateException(cause);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("simulated node did not answer within " + COMMAND_TIMEOUT_MS + " ms", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * Configuration of a simulated node: fluent setters, then {@link #conclude()} validates once
     * (called by {@link SimulatedDashNode#start(Context)}). Defaults are a regtest Dash Core v22.1.1.
     */
    public static final class Context
    {
        /** PROTOCOL_VERSION of Dash Core v22.1.1. */
        public static final int DEFAULT_PROTOCOL_VERSION = Network.PROTOCOL_VERSION;
        /** NODE_NETWORK | NODE_BLOOM | NODE_NETWORK_LIMITED | NODE_HEADERS_COMPRESSED | NODE_P2P_V2, as a v22.1.1 node shows. */
        public static final long DEFAULT_SERVICES = 0x1c05L;
        public static final String DEFAULT_USER_AGENT = "/Dash Core:22.1.1/";
        /** {@code -peertimeout} default. */
        public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);
        /** PING_INTERVAL. */
        public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(2);
        /** TIMEOUT_INTERVAL for an unanswered ping. */
        public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofMinutes(20);
        /** Receive buffer given to sockets when a stall or slow-reader mode is set at start. */
        public static final int SMALL_RECEIVE_BUFFER_BYTES = 4096;

        private Network network = Network.REGTEST;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private int protocolVersion = DEFAULT_PROTOCOL_VERSION;
        private long services = DEFAULT_SERVICES;
        private String userAgent;
        private String devnetName;
        private long versionNonce;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
        private int receiveBufferBytes = -1;
        private int maxBlockSizeBytes = Network.MAX_BLOCK_SIZE;
        private boolean checkProofOfWork = true;
        private boolean recordBlockBytes;
        private boolean fullBlockRequestAfterPong;
        private int initialHeight;
        private List<byte[]> initialBlocks = List.of();
        private SimMisbehaviour misbehaviour = new SimMisbehaviour();
        private List<java.net.InetSocketAddress> addresses = List.of();
        private Consumer<Throwable> errorHandler = ex -> System.err.println("simulated node: " + ex);
        private boolean concluded;

        /**
         * @param network network whose magic, genesis and rules the node uses (default regtest).
         * @return this.
         */
        public Context network(final Network network)
        {
            this.network = network;
            return this;
        }

        public Network network()
        {
            return network;
        }

        /**
         * @param address a loopback address to listen on (default 127.0.0.1).
         * @return this.
         */
        public Context bindAddress(final InetAddress address)
        {
            this.bindAddress = address;
            return this;
        }

        public InetAddress bindAddress()
        {
            return bindAddress;
        }

        /**
         * @param port to listen on; 0 (default) for an ephemeral port.
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        public int port()
        {
            return port;
        }

        /**
         * @param version protocol version the node announces (default 70235).
         * @return this.
         */
        public Context protocolVersion(final int version)
        {
            this.protocolVersion = version;
            return this;
        }

        public int protocolVersion()
        {
            return protocolVersion;
        }

        /**
         * @param flags service bits the node announces (default 0x1c05).
         * @return this.
         */
        public Context services(final long flags)
        {
            this.services = flags;
            return this;
        }

        public long services()
        {
            return services;
        }

        /**
         * @param agent user agent (default {@code /Dash Core:22.1.1/}, with {@code (devnet.devnet-<name>)} on a devnet).
         * @return this.
         */
        public Context userAgent(final String agent)
        {
            this.userAgent = agent;
            return this;
        }

        public String userAgent()
        {
            return userAgent;
        }

        /**
         * @param name devnet name: on {@link Network#DEVNET}, clients whose user agent lacks
         *             {@code devnet.devnet-<name>} are disconnected; null (default) skips the check.
         * @return this.
         */
        public Context devnetName(final String name)
        {
            this.devnetName = name;
            return this;
        }

        public String devnetName()
        {
            return devnetName;
        }

        /**
         * @param nonce nonce for every version the node sends (0, the default, draws a random one each
         *              time); a client sending a nonce the node used is "connected to self".
         * @return this.
         */
        public Context versionNonce(final long nonce)
        {
            this.versionNonce = nonce;
            return this;
        }

        public long versionNonce()
        {
            return versionNonce;
        }

        /**
         * @param timeout time from accept to the client's verack (default 60 s, {@code -peertimeout}).
         * @return this.
         */
        public Context handshakeTimeout(final Duration timeout)
        {
            this.handshakeTimeout = timeout;
            return this;
        }

        public long handshakeTimeoutNs()
        {
            return handshakeTimeout.toNanos();
        }

        /**
         * @param interval between the node's pings, counted from the last one sent (default 2 min).
         * @return this.
         */
        public Context pingInterval(final Duration interval)
        {
            this.pingInterval = interval;
            return this;
        }

        public long pingIntervalNs()
        {
            return pingInterval.toNanos();
        }

        /**
         * @param timeout an unanswered ping disconnects after this (default 20 min).
         * @return this.
         */
        public Context pingTimeout(final Duration timeout)
        {
            this.pingTimeout = timeout;
            return this;
        }

        public long pingTimeoutNs()
        {
            return pingTimeout.toNanos();
        }

        /**
         * @param bytes SO_RCVBUF of accepted sockets; 0 for the OS default; unset (-1): OS default, or
         *              {@value #SMALL_RECEIVE_BUFFER_BYTES} when a stall or slow-reader mode is set at start.
         * @return this.
         */
        public Context receiveBufferBytes(final int bytes)
        {
            this.receiveBufferBytes = bytes;
            return this;
        }

        public int receiveBufferBytes()
        {
            return receiveBufferBytes;
        }

        /**
         * @param bytes largest block accepted (default 2,000,000, MAX_DIP0001_BLOCK_SIZE).
         * @return this.
         */
        public Context maxBlockSizeBytes(final int bytes)
        {
            this.maxBlockSizeBytes = bytes;
            return this;
        }

        public int maxBlockSizeBytes()
        {
            return maxBlockSizeBytes;
        }

        /**
         * @param check verify proof of work and (regtest) nBits (default true).
         * @return this.
         */
        public Context checkProofOfWork(final boolean check)
        {
            this.checkProofOfWork = check;
            return this;
        }

        public boolean checkProofOfWork()
        {
            return checkProofOfWork;
        }

        /**
         * @param record keep a copy of every received block payload in its {@link BlockArrival} (default false).
         * @return this.
         */
        public Context recordBlockBytes(final boolean record)
        {
            this.recordBlockBytes = record;
            return this;
        }

        public boolean recordBlockBytes()
        {
            return recordBlockBytes;
        }

        /**
         * @param after ask for the whole block of a compact block the node cannot rebuild (a short-id
         *              collision) only after answering the next {@code ping}, as Dash Core's block
         *              download does from its send loop, rather than at once (default false).
         * @return this.
         */
        public Context fullBlockRequestAfterPong(final boolean after)
        {
            this.fullBlockRequestAfterPong = after;
            return this;
        }

        public boolean fullBlockRequestAfterPong()
        {
            return fullBlockRequestAfterPong;
        }

        /**
         * @param height start with the deterministic chain {@link TestBlocks#chain(Network, int)} of this
         *               height (after any {@link #initialBlocks(List)}); nodes with the same value share it.
         * @return this.
         */
        public Context initialHeight(final int height)
        {
            this.initialHeight = height;
            return this;
        }

        public int initialHeight()
        {
            return initialHeight;
        }

        /**
         * @param blocks blocks connected at start, each extending the previous, the first extending genesis.
         * @return this.
         */
        public Context initialBlocks(final List<byte[]> blocks)
        {
            this.initialBlocks = List.copyOf(blocks);
            return this;
        }

        public List<byte[]> initialBlocks()
        {
            return initialBlocks;
        }

        /**
         * @param settings the live misbehaviour settings to use (default: all off).
         * @return this.
         */
        public Context misbehaviour(final SimMisbehaviour settings)
        {
            this.misbehaviour = settings;
            return this;
        }

        public SimMisbehaviour misbehaviour()
        {
            return misbehaviour;
        }

        /**
         * @param known addresses the node answers {@code getaddr} with ({@code addrv2} after the
         *              client's {@code sendaddrv2}, else {@code addr}); at most 1,000.
         * @return this.
         */
        public Context addresses(final List<java.net.InetSocketAddress> known)
        {
            this.addresses = List.copyOf(known);
            return this;
        }

        public List<java.net.InetSocketAddress> addresses()
        {
            return addresses;
        }

        /**
         * @param handler receives unexpected errors of the node's thread (default: one line on stderr).
         * @return this.
         */
        public Context errorHandler(final Consumer<Throwable> handler)
        {
            this.errorHandler = handler;
            return this;
        }

        public Consumer<Throwable> errorHandler()
        {
            return errorHandler;
        }

        /**
         * Validate and derive defaults; idempotent.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first bad setting.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            require(network != null, "network is required");
            require(bindAddress != null && bindAddress.isLoopbackAddress(), "bind address must be loopback, got " + bindAddress);
            require(port >= 0 && port <= 65535, "port " + port + " outside 0..65535");
            require(protocolVersion > 0, "protocol version " + protocolVersion);
            require(isPositive(handshakeTimeout), "handshake timeout must be positive");
            require(isPositive(pingInterval), "ping interval must be positive");
            require(isPositive(pingTimeout), "ping timeout must be positive");
            require(maxBlockSizeBytes > 0 && maxBlockSizeBytes <= Network.MAX_PROTOCOL_MESSAGE_LENGTH,
                "max block size " + maxBlockSizeBytes + " outside 1.." + Network.MAX_PROTOCOL_MESSAGE_LENGTH);
            require(initialHeight >= 0 && initialHeight <= 100_000, "initial height " + initialHeight + " outside 0..100000");
            require(misbehaviour != null, "misbehaviour settings are required");
            require(errorHandler != null, "error handler is required");
            if (userAgent == null)
            {
                userAgent = network == Network.DEVNET && devnetName != null ?
                    "/Dash Core:22.1.1(devnet.devnet-" + devnetName + ")/" : DEFAULT_USER_AGENT;
            }
            require(userAgent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 256, "user agent over 256 bytes");
            if (receiveBufferBytes < 0)
            {
                receiveBufferBytes = misbehaviour.wantsSmallReceiveBuffer() ? SMALL_RECEIVE_BUFFER_BYTES : 0;
            }
            concluded = true;
            return this;
        }

        private static boolean isPositive(final Duration duration)
        {
            return duration != null && !duration.isNegative() && !duration.isZero();
        }

        private static void require(final boolean condition, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
