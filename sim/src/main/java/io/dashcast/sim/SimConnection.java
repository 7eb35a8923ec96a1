package io.dashcast.sim;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolException;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * One inbound connection to a {@link SimulatedDashNode}, as Dash Core's {@code CNode} plus
 * {@code Peer}/{@code CNodeState} would track it. The node's thread does all the I/O; the public
 * getters are safe from any thread and are what tests observe.
 */
public final class SimConnection
{
    /** Handshake states. */
    static final int AWAITING_VERSION = 0;
    static final int VERSION_RECEIVED = 1;
    static final int READY = 2;
    static final int CLOSED = 3;

    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    private static final int MAX_FRAME_BYTES = HEADER_LENGTH + Network.MAX_PROTOCOL_MESSAGE_LENGTH;
    /** Commands sent are listed up to this many (long benchmark runs would otherwise grow the list forever). */
    static final int MAX_SENT_RECORDED = 10_000;

    private final int id;
    private final SocketChannel channel;
    private final InetSocketAddress remoteAddress;
    private final SimNodeLoop loop;
    private final SimMisbehaviour misbehaviour;
    private final FrameDecoder decoder;
    private final long connectedNs;
    private SelectionKey key;

    private byte[] data = new byte[INITIAL_BUFFER_BYTES];
    private ByteBuffer readBuffer = ByteBuffer.wrap(data);
    private final UnsafeBuffer view = new UnsafeBuffer(data);
    private final ArrayDeque<Outbound> outbound = new ArrayDeque<>();
    private boolean writeBlocked;
    private double readTokens;
    private long lastRefillNs;

    private volatile int state = AWAITING_VERSION;
    private volatile long handshakeCompletedNs;
    private volatile int clientProtocolVersion;
    private volatile long clientServices;
    private volatile String clientUserAgent = "";
    private volatile int clientStartHeight = -1;
    private volatile boolean clientRelay;
    private volatile boolean prefersHeaders;
    private volatile boolean prefersHeadersCompressed;
    private volatile boolean providesCompactBlocks;
    private volatile boolean wantsAddrV2;
    private volatile int misbehaviourScore;
    private volatile DisconnectReason disconnectReason;
    private volatile String disconnectDetail = "";
    private volatile long lastPingRttNs = -1;

    private final Map<String, LongAdder> messagesReceived = new ConcurrentHashMap<>();
    private final AtomicLong unknownCommands = new AtomicLong();
    private final AtomicLong droppedMessages = new AtomicLong();
    private final AtomicLong malformedMessages = new AtomicLong();
    private final AtomicLong compactFallbacks = new AtomicLong();
    /** Owned by the node's loop thread. */
    private HashKey deferredFullBlockRequest;
    private final AtomicLong badChecksums = new AtomicLong();
    private final AtomicLong pingsAnswered = new AtomicLong();
    private final AtomicLong pongsReceived = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final List<BlockArrival> blocks = Collections.synchronizedList(new ArrayList<>());
    private final List<String> misbehaviourEvents = Collections.synchronizedList(new ArrayList<>());
    private final List<String> messagesSent = Collections.synchronizedList(new ArrayList<>());

    // Protocol state, touched only by the node's thread.
    int commonVersion;
    SimChain.Entry bestKnown;
    SimChain.Entry bestHeaderSent;
    HashKey lastUnknownBlock;
    int unconnectingHeaders;
    long lastGetHeadersNs;
    long pingNonceSent;
    long pingStartNs;
    boolean pingEverSent;
    boolean initialHeadersSyncSent;

    SimConnection(
        final int id,
        final SocketChannel channel,
        final SimNodeLoop loop,
        final SimMisbehaviour misbehaviour,
        final Network network,
        final long nowNs) throws IOException
    {
        this.id = id;
        this.channel = channel;
        this.remoteAddress = (InetSocketAddress)channel.getRemoteAddress();
        this.loop = loop;
        this.misbehaviour = misbehaviour;
        this.decoder = new FrameDecoder(network);
        this.connectedNs = nowNs;
        this.lastRefillNs = nowNs;
    }

    // ------------------------------------------------------------------ observability (any thread)

    /**
     * @return node-wide connection number, from 0 in accept order.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the client's address and port.
     */
    public InetSocketAddress remoteAddress()
    {
        return remoteAddress;
    }

    /**
     * @return true until the node closes or loses the connection.
     */
    public boolean isOpen()
    {
        return state != CLOSED;
    }

    /**
     * @return true once the client's {@code version} and {@code verack} were both processed
     * (Dash Core's {@code fSuccessfullyConnected}); stays true after close.
     */
    public boolean isHandshakeComplete()
    {
        return handshakeCompletedNs != 0;
    }

    /**
     * @return {@link System#nanoTime()} at accept.
     */
    public long connectedNs()
    {
        return connectedNs;
    }

    /**
     * @return {@link System#nanoTime()} when the client's verack was processed, 0 before.
     */
    public long handshakeCompletedNs()
    {
        return handshakeCompletedNs;
    }

    public int clientProtocolVersion()
    {
        return clientProtocolVersion;
    }

    public long clientServices()
    {
        return clientServices;
    }

    public String clientUserAgent()
    {
        return clientUserAgent;
    }

    public int clientStartHeight()
    {
        return clientStartHeight;
    }

    /**
     * @return the relay flag of the client's version (absent means true).
     */
    public boolean clientRelay()
    {
        return clientRelay;
    }

    /**
     * @return true once the client sent {@code sendheaders}: new tips go to it as {@code headers}
     * when it is known to have the parent, else as {@code inv}.
     */
    public boolean prefersHeaders()
    {
        return prefersHeaders;
    }

    /**
     * @return true once the client sent {@code sendheaders2}.
     */
    public boolean prefersHeadersCompressed()
    {
        return prefersHeadersCompressed;
    }

    /**
     * @return true once the client sent {@code sendcmpct} with version 1.
     */
    public boolean providesCompactBlocks()
    {
        return providesCompactBlocks;
    }

    /**
     * @return true when the client sent {@code sendaddrv2} between version and verack.
     */
    public boolean wantsAddrV2()
    {
        return wantsAddrV2;
    }

    /**
     * @param command wire name, e.g. "block", or the name of any unknown command.
     * @return well-formed frames with that command received (dropped ones included, bad checksums not).
     */
    public long messagesReceived(final String command)
    {
        final LongAdder adder = messagesReceived.get(command);
        return adder == null ? 0 : adder.sum();
    }

    /**
     * @return counts per command received, sorted by name (a snapshot).
     */
    public Map<String, Long> messagesReceived()
    {
        final Map<String, Long> snapshot = new TreeMap<>();
        messagesReceived.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    /**
     * @return commands the node sent on this connection, in order (a snapshot of the first 10,000).
     */
    public List<String> messagesSent()
    {
        synchronized (messagesSent)
        {
            return new ArrayList<>(messagesSent);
        }
    }

    /**
     * @return frames whose command the node does not know: counted and ignored, as Dash Core does.
     */
    public long unknownCommands()
    {
        return unknownCommands.get();
    }

    /**
     * @return messages dropped without processing: before version, before verack, or malformed command.
     */
    public long droppedMessages()
    {
        return droppedMessages.get();
    }

    /**
     * @return times a compact block from this peer could not be rebuilt (short-id collision or a
     * rebuilt block failing its merkle root) and the node asked for the full block instead.
     */
    public long compactFallbacks()
    {
        return compactFallbacks.get();
    }

    /**
     * @return payloads that failed to deserialize (dropped without penalty, as Dash Core catches the exception).
     */
    public long malformedMessages()
    {
        return malformedMessages.get();
    }

    /**
     * @return frames dropped for a bad checksum.
     */
    public long badChecksums()
    {
        return badChecksums.get();
    }

    /**
     * @return pings answered (pongs queued).
     */
    public long pingsAnswered()
    {
        return pingsAnswered.get();
    }

    /**
     * @return pongs that matched the node's outstanding ping.
     */
    public long pongsReceived()
    {
        return pongsReceived.get();
    }

    /**
     * @return round trip of the node's last answered ping in nanoseconds, -1 before one.
     */
    public long lastPingRttNs()
    {
        return lastPingRttNs;
    }

    public long bytesReceived()
    {
        return bytesReceived.get();
    }

    public long bytesSent()
    {
        return bytesSent.get();
    }

    /**
     * @return every {@code block} message received, in order (a snapshot).
     */
    public List<BlockArrival> blocks()
    {
        synchronized (blocks)
        {
            return new ArrayList<>(blocks);
        }
    }

    /**
     * @return accumulated misbehaviour score (100 disconnects).
     */
    public int misbehaviourScore()
    {
        return misbehaviourScore;
    }

    /**
     * @return each penalty as "reason (+points)", in order (a snapshot).
     */
    public List<String> misbehaviourEvents()
    {
        synchronized (misbehaviourEvents)
        {
            return new ArrayList<>(misbehaviourEvents);
        }
    }

    /**
     * @return why the connection ended, or null while open.
     */
    public DisconnectReason disconnectReason()
    {
        return disconnectReason;
    }

    /**
     * @return detail for the disconnect (error text), empty when none.
     */
    public String disconnectDetail()
    {
        return disconnectDetail;
    }

    /**
     * Close this connection from the node's side (a plain FIN).
     */
    public void disconnect()
    {
        loop.post(() -> close(DisconnectReason.SCRIPTED_DISCONNECT, "by test", false));
    }

    @Override
    public String toString()
    {
        return "SimConnection{id=" + id + ", remote=" + remoteAddress + ", state=" + state +
            ", score=" + misbehaviourScore + ", disconnect=" + disconnectReason + '}';
    }

    // ------------------------------------------------------------------ node thread

    int state()
    {
        return state;
    }

    void state(final int newState, final long nowNs)
    {
        state = newState;
        if (newState == READY)
        {
            handshakeCompletedNs = Math.max(1, nowNs);
        }
    }

    void onClientVersion(final int version, final long services, final String userAgent, final int startHeight,
        final boolean relay)
    {
        clientProtocolVersion = version;
        clientServices = services;
        clientUserAgent = userAgent;
        clientStartHeight = startHeight;
        clientRelay = relay;
    }

    void prefersHeaders(final boolean value)
    {
        prefersHeaders = value;
    }

    void prefersHeadersCompressed(final boolean value)
    {
        prefersHeadersCompressed = value;
    }

    void providesCompactBlocks(final boolean value)
    {
        providesCompactBlocks = value;
    }

    void wantsAddrV2(final boolean value)
    {
        wantsAddrV2 = value;
    }

    void lastPingRttNs(final long rttNs)
    {
        lastPingRttNs = rttNs;
        pongsReceived.incrementAndGet();
    }

    void countMessage(final String command)
    {
        messagesReceived.computeIfAbsent(command, k -> new LongAdder()).increment();
    }

    void countUnknownCommand()
    {
        unknownCommands.incrementAndGet();
    }

    void countDropped()
    {
        droppedMessages.incrementAndGet();
    }

    void countMalformed()
    {
        malformedMessages.incrementAndGet();
    }

    void countCompactFallback()
    {
        compactFallbacks.incrementAndGet();
    }

    /** A whole block to ask for after the next pong ({@link SimulatedDashNode.Context#fullBlockRequestAfterPong}). */
    void deferFullBlockRequest(final HashKey key)
    {
        deferredFullBlockRequest = key;
    }

    HashKey takeDeferredFullBlockRequest()
    {
        final HashKey key = deferredFullBlockRequest;
        deferredFullBlockRequest = null;
        return key;
    }

    void countBadChecksum()
    {
        badChecksums.incrementAndGet();
    }

    void countPingAnswered()
    {
        pingsAnswered.incrementAndGet();
    }

    void clearBlocks()
    {
        blocks.clear();
    }

    void addBlock(final BlockArrival arrival)
    {
        blocks.add(arrival);
    }

    /**
     * Add misbehaviour points; at 100 the connection is closed (Dash Core disconnects loopback peers
     * without discouraging them).
     *
     * @return true when the connection was closed.
     */
    boolean misbehaving(final int points, final String reason)
    {
        misbehaviourScore += points;
        misbehaviourEvents.add(reason + " (+" + points + ")");
        if (misbehaviourScore >= 100)
        {
            close(DisconnectReason.MISBEHAVIOUR, reason, false);
            return true;
        }
        return false;
    }

    void register(final SelectionKey selectionKey)
    {
        this.key = selectionKey;
    }

    /**
     * Queue a frame; it is written after everything queued before it, and not before {@code notBeforeNs}.
     */
    void enqueue(final String command, final byte[] frame, final long notBeforeNs, final long nowNs)
    {
        if (state == CLOSED)
        {
            return;
        }
        if (messagesSent.size() < MAX_SENT_RECORDED)
        {
            messagesSent.add(command);
        }
        outbound.add(new Outbound(ByteBuffer.wrap(frame), notBeforeNs));
        flush(nowNs);
    }

    /**
     * Write what is due without blocking.
     */
    void flush(final long nowNs)
    {
        try
        {
            while (!outbound.isEmpty() && state != CLOSED)
            {
                final Outbound next = outbound.peek();
                if (next.notBeforeNs > nowNs)
                {
                    writeBlocked = false;
                    return;
                }
                final int written = channel.write(next.buffer);
                bytesSent.addAndGet(written);
                if (next.buffer.hasRemaining())
                {
                    writeBlocked = true;
                    return;
                }
                outbound.poll();
            }
            writeBlocked = false;
        }
        catch (final IOException ex)
        {
            close(DisconnectReason.IO_ERROR, String.valueOf(ex.getMessage()), false);
        }
    }

    /**
     * @return earliest time a queued frame becomes due or a throttled read may resume, else Long.MAX_VALUE.
     */
    long nextDeadlineNs(final long nowNs)
    {
        long deadline = Long.MAX_VALUE;
        final Outbound next = outbound.peek();
        if (next != null && next.notBeforeNs > nowNs)
        {
            deadline = next.notBeforeNs;
        }
        if (misbehaviour.slowReaderBytesPerSecond() > 0 && readTokens < 1)
        {
            deadline = Math.min(deadline, nowNs + 2_000_000L);
        }
        return deadline;
    }

    void updateInterest(final long nowNs)
    {
        if (state == CLOSED || key == null || !key.isValid())
        {
            return;
        }
        int ops = 0;
        if (readAllowed(nowNs))
        {
            ops |= SelectionKey.OP_READ;
        }
        if (writeBlocked)
        {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
    }

    void onWritable(final long nowNs)
    {
        flush(nowNs);
    }

    /**
     * Read what the socket (and the slow-reader budget) allows, then hand every complete frame to the protocol.
     */
    void onReadable(final SimNodeProtocol protocol, final long nowNs)
    {
        if (!readAllowed(nowNs))
        {
            return;
        }
        final int rate = misbehaviour.slowReaderBytesPerSecond();
        if (!readBuffer.hasRemaining())
        {
            grow(Math.min(MAX_FRAME_BYTES, data.length * 2));
        }
        if (rate > 0)
        {
            readBuffer.limit(readBuffer.position() + (int)Math.min(readBuffer.remaining(), (long)readTokens));
        }
        final int n;
        try
        {
            n = channel.read(readBuffer);
        }
        catch (final IOException ex)
        {
            close(DisconnectReason.IO_ERROR, String.valueOf(ex.getMessage()), false);
            return;
        }
        finally
        {
            readBuffer.limit(data.length);
        }
        final long arrivalNs = System.nanoTime();
        if (n < 0)
        {
            close(DisconnectReason.PEER_CLOSED, "end of stream", false);
            return;
        }
        if (rate > 0)
        {
            readTokens -= n;
        }
        bytesReceived.addAndGet(n);
        decodeFrames(protocol, arrivalNs);
    }

    /**
     * Close (idempotent). With {@code reset}, SO_LINGER 0 makes the close send RST.
     */
    void close(final DisconnectReason reason, final String detail, final boolean reset)
    {
        if (state == CLOSED)
        {
            return;
        }
        disconnectDetail = detail == null ? "" : detail;
        disconnectReason = reason;
        state = CLOSED;
        outbound.clear();
        try
        {
            if (reset)
            {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        }
        catch (final IOException ignore)
        {
            // Closing anyway.
        }
        if (key != null)
        {
            key.cancel();
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // Already gone.
        }
        loop.onClosed(this);
    }

    private boolean readAllowed(final long nowNs)
    {
        if (state == CLOSED || (state == READY && misbehaviour.stallAfterHandshake()))
        {
            return false;
        }
        final int rate = misbehaviour.slowReaderBytesPerSecond();
        if (rate <= 0)
        {
            return true;
        }
        final double burst = Math.max(1.0, rate / 50.0);
        readTokens = Math.min(burst, readTokens + rate * ((nowNs - lastRefillNs) / 1e9));
        lastRefillNs = nowNs;
        return readTokens >= 1;
    }

    private void decodeFrames(final SimNodeProtocol protocol, final long arrivalNs)
    {
        final int end = readBuffer.position();
        int offset = 0;
        int need = 0;
        while (state != CLOSED)
        {
            final int available = end - offset;
            if (resetMidBlock(offset, available))
            {
                return;
            }
            final int length;
            try
            {
                length = decoder.decode(view, offset, available);
            }
            catch (final ProtocolException ex)
            {
                final int skip = onBadFrame(protocol, ex, offset, available, arrivalNs);
                if (skip < 0)
                {
                    return;
                }
                if (skip == 0)
                {
                    need = decoder.frameLengthHint(view, offset, available);
                    break;
                }
                offset += skip;
                continue;
            }
            if (length == 0)
            {
                need = decoder.frameLengthHint(view, offset, available);
                break;
            }
            final MessageHeaderFlyweight header = decoder.header();
            protocol.onFrame(this, decoder.command(), header, view, offset + HEADER_LENGTH, length - HEADER_LENGTH,
                arrivalNs);
            offset += length;
            if (state == READY && misbehaviour.stallAfterHandshake())
            {
                // Stalled from the verack on: frames that came in the same read stay unread too
                // (processing them once let a block pushed right behind the handshake be ponged).
                break;
            }
        }
        if (state == CLOSED)
        {
            return;
        }
        compact(offset, end, need);
    }

    /**
     * @return bytes to skip past a dropped frame, 0 to wait for the rest of it, -1 when closed.
     */
    private int onBadFrame(
        final SimNodeProtocol protocol, final ProtocolException ex, final int offset, final int available, final long arrivalNs)
    {
        switch (ex.error())
        {
            case WRONG_MAGIC:
                close(DisconnectReason.WRONG_MAGIC, ex.getMessage(), false);
                return -1;
            case OVERSIZED_LENGTH:
                close(DisconnectReason.OVERSIZED_MESSAGE, ex.getMessage(), false);
                return -1;
            default:
                final int frameLength = HEADER_LENGTH + decoder.header().payloadLength();
                if (available < frameLength)
                {
                    return 0;
                }
                protocol.onDroppedFrame(this, ex.error(), view, offset, frameLength, arrivalNs);
                return state == CLOSED ? -1 : frameLength;
        }
    }

    private boolean resetMidBlock(final int offset, final int available)
    {
        final int threshold = misbehaviour.resetMidBlockAfterBytes();
        if (threshold < 0 || available < HEADER_LENGTH ||
            Command.lookup(view, offset + MessageHeaderFlyweight.COMMAND_OFFSET) != Command.BLOCK)
        {
            return false;
        }
        final int frameLength = HEADER_LENGTH + Math.max(0, view.getInt(offset + MessageHeaderFlyweight.LENGTH_OFFSET,
            java.nio.ByteOrder.LITTLE_ENDIAN));
        if (Math.min(available, frameLength) < Math.max(threshold, HEADER_LENGTH))
        {
            return false;
        }
        close(DisconnectReason.SCRIPTED_RESET_MID_BLOCK, "after " + Math.min(available, frameLength) + " bytes", true);
        return true;
    }

    private void compact(final int offset, final int end, final int need)
    {
        final int remaining = end - offset;
        if (offset > 0 && remaining > 0)
        {
            System.arraycopy(data, offset, data, 0, remaining);
        }
        readBuffer.position(remaining);
        if (need > data.length)
        {
            grow(Math.min(MAX_FRAME_BYTES, need));
        }
        else if (data.length > 4 * INITIAL_BUFFER_BYTES && remaining < INITIAL_BUFFER_BYTES && need <= INITIAL_BUFFER_BYTES)
        {
            resize(INITIAL_BUFFER_BYTES);
        }
    }

    private void grow(final int capacity)
    {
        if (capacity > data.length)
        {
            resize(capacity);
        }
    }

    private void resize(final int capacity)
    {
        final int position = readBuffer.position();
        final byte[] resized = new byte[capacity];
        System.arraycopy(data, 0, resized, 0, position);
        data = resized;
        readBuffer = ByteBuffer.wrap(data);
        readBuffer.position(position);
        view.wrap(data);
    }

    private static final class Outbound
    {
        private final ByteBuffer buffer;
        private final long notBeforeNs;

        private Outbound(final ByteBuffer buffer, final long notBeforeNs)
        {
            this.buffer = buffer;
            this.notBeforeNs = notBeforeNs;
        }
    }
}
