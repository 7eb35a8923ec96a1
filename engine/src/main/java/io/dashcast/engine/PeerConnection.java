package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.BlockTxnFlyweight;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import io.dashcast.protocol.message.GetHeadersFlyweight;
import io.dashcast.protocol.message.HeadersFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.SendCmpctFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * One configured peer as its broadcast loop sees it: the socket, the handshake Dash Core expects
 * from an inbound peer, keep-alive pings, reconnection with back-off and a circuit breaker, and the
 * ordered queue of what is still to be written. Owned by exactly one loop thread.
 * <p>
 * Toward Dash Core we are an inbound peer with services 0 and relay 0: it never asks us for
 * headers, blocks or transactions, and sends us only handshake messages, pings, announcements,
 * the {@code getdata} for a block we announced by header and the {@code getblocktxn} for a compact
 * block we sent. We announce {@code sendcmpct(0,1)} after the handshake and record the peer's own
 * announcement (version 1 is the only one Dash Core speaks).
 * <p>
 * Every block-carrying frame (block, cmpctblock, blocktxn) is followed by a ping whose pong proves
 * the peer handled it. A compact block's pong is no proof of the block when the peer asked for
 * more before it (a getblocktxn or a getdata): that ack is superseded by the answer's.
 */
final class PeerConnection implements OutboundQueue.CompletionListener
{
    private static final int CONTROL_BUFFER_BYTES = 64 * 1024;
    private static final int INITIAL_READ_BUFFER_BYTES = 64 * 1024;
    private static final int ACK_CAPACITY = 256;
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)0xff, (byte)0xff};

    final int index;
    final PeerEndpoint endpoint;
    final PeerMetrics metrics;
    final PeerChainState chain = new PeerChainState();
    private volatile InetSocketAddress address;
    private volatile boolean resolving;
    private final BroadcasterContext ctx;
    private final BroadcastLoop loop;
    private final Selector selector;
    private final MessageFramer framer;
    private final FrameDecoder decoder;
    private final X11 x11;

    private final OutboundQueue outbound = new OutboundQueue(256);
    private final ByteBuffer[] srcs = new ByteBuffer[4];
    private final ByteBuffer control = BufferUtil.allocateDirectAligned(CONTROL_BUFFER_BYTES, 64);
    private final ByteBuffer controlView = control.duplicate();
    private final UnsafeBuffer controlBuffer = new UnsafeBuffer(control);
    private int controlTail;
    private ByteBuffer bulk;
    private ByteBuffer bulkView;
    private final UnsafeBuffer bulkBuffer = new UnsafeBuffer(new byte[0]);

    private ByteBuffer readBuffer = ByteBuffer.allocateDirect(INITIAL_READ_BUFFER_BYTES);
    private final UnsafeBuffer readView = new UnsafeBuffer(readBuffer);

    private final VersionFlyweight version = new VersionFlyweight();
    private final NonceFlyweight nonceFlyweight = new NonceFlyweight();
    private final InventoryFlyweight inventory = new InventoryFlyweight();
    private final HeadersFlyweight headers = new HeadersFlyweight();
    private final SendCmpctFlyweight sendCmpct = new SendCmpctFlyweight();
    private final GetBlockTxnFlyweight getBlockTxn = new GetBlockTxnFlyweight();
    private final byte[] scratchHash = new byte[32];
    private final byte[] challenge = new byte[32];
    private final byte[] ip16 = new byte[16];

    private final long[] ackNonces = new long[ACK_CAPACITY];
    private final long[] ackSequences = new long[ACK_CAPACITY];
    private final long[] ackQueuedNs = new long[ACK_CAPACITY];
    private final boolean[] ackSuperseded = new boolean[ACK_CAPACITY];
    private long ackHead;
    private long ackTail;
    private long nonceSequence = ThreadLocalRandom.current().nextLong();

    private SocketChannel channel;
    private SelectionKey key;
    private PeerState state = PeerState.DISCONNECTED;
    private boolean versionReceived;
    private boolean verackReceived;
    private long deadlineNs;
    private long nextAttemptNs;
    private int consecutiveFailures;
    private long keepaliveNonce;
    private long confirmNonce;
    private final byte[] confirmHash = new byte[32];
    private long keepaliveSentNs;
    private long nextPingNs;
    private boolean writeInterest;
    private long compactVersion;
    private boolean compactHighBandwidth;

    PeerConnection(
        final int index,
        final PeerEndpoint endpoint,
        final InetSocketAddress address,
        final PeerMetrics metrics,
        final BroadcasterContext ctx,
        final BroadcastLoop loop,
        final Selector selector,
        final X11 x11)
    {
        this.index = index;
        this.endpoint = endpoint;
        this.address = address;
        this.metrics = metrics;
        this.ctx = ctx;
        this.loop = loop;
        this.selector = selector;
        this.x11 = x11;
        this.framer = new MessageFramer(ctx.network());
        this.decoder = new FrameDecoder(ctx.network());
    }

    PeerState state()
    {
        return state;
    }

    boolean isReady()
    {
        return state == PeerState.READY;
    }

    /**
     * @return compact block version the peer announced with {@code sendcmpct} (1), or 0.
     */
    long compactVersion()
    {
        return compactVersion;
    }

    /**
     * @return true when the peer asked for high-bandwidth (unsolicited cmpctblock) relay.
     */
    boolean compactHighBandwidth()
    {
        return compactHighBandwidth;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Timers: connect and handshake deadlines, keep-alive pings, reconnection.
     */
    int onTimer(final long nowNs)
    {
        switch (state)
        {
            case DISCONNECTED:
            case BACKOFF:
            case CIRCUIT_OPEN:
                if (nowNs - nextAttemptNs >= 0)
                {
                    connect(nowNs);
                    return 1;
                }
                return 0;
            case CONNECTING:
                if (nowNs - deadlineNs >= 0)
                {
                    fail(FailureReason.CONNECT_TIMEOUT, nowNs);
                    return 1;
                }
                return 0;
            case HANDSHAKING:
                if (nowNs - deadlineNs >= 0)
                {
                    fail(FailureReason.HANDSHAKE_TIMEOUT, nowNs);
                    return 1;
                }
                return 0;
            case READY:
                return onReadyTimer(nowNs);
            default:
                return 0;
        }
    }

    private int onReadyTimer(final long nowNs)
    {
        if (ackHead < ackTail && nowNs - ackQueuedNs[(int)(ackHead & (ACK_CAPACITY - 1))] > ctx.broadcastTimeoutNs())
        {
            // A block's ping unanswered past the timeout: the peer holds a slot it may not keep.
            fail(FailureReason.BROADCAST_TIMEOUT, nowNs);
            return 1;
        }
        if (keepaliveNonce != 0 && nowNs - keepaliveSentNs > ctx.pingTimeoutNs())
        {
            fail(FailureReason.PING_TIMEOUT, nowNs);
            return 1;
        }
        if (keepaliveNonce == 0 && nowNs - nextPingNs >= 0)
        {
            keepaliveNonce = nextNonce();
            keepaliveSentNs = nowNs;
            nextPingNs = nowNs + ctx.pingIntervalNs();
            appendNonceMessage(Command.PING, keepaliveNonce, nowNs);
            flush(nowNs);
            return 1;
        }
        return 0;
    }

    private void connect(final long nowNs)
    {
        final InetSocketAddress target = address;
        if (target.isUnresolved())
        {
            requestResolve();
            fail(FailureReason.UNRESOLVED_HOST, nowNs);
            return;
        }
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            if (ctx.sendBufferBytes() > 0)
            {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, ctx.sendBufferBytes());
            }
            if (ctx.receiveBufferBytes() > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, ctx.receiveBufferBytes());
            }
            resetConnectionState();
            state = PeerState.CONNECTING;
            metrics.state = state;
            deadlineNs = nowNs + ctx.connectTimeoutNs();
            if (channel.connect(target))
            {
                key = channel.register(selector, SelectionKey.OP_READ, this);
                onConnected(nowNs);
            }
            else
            {
                key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            }
        }
        catch (final ConnectException ex)
        {
            fail(FailureReason.CONNECT_REFUSED, nowNs);
        }
        catch (final IOException | RuntimeException ex)
        {
            fail(FailureReason.IO_ERROR, nowNs);
        }
    }

    /**
     * Look the host up again on the broadcaster's resolver thread; the next connect uses the result.
     */
    private void requestResolve()
    {
        if (!resolving)
        {
            resolving = true;
            loop.resolve(() ->
            {
                address = ctx.hostResolver().resolve(endpoint.host(), endpoint.port());
                resolving = false;
            });
        }
    }

    private void resetConnectionState()
    {
        versionReceived = false;
        verackReceived = false;
        keepaliveNonce = 0;
        confirmNonce = 0;
        writeInterest = false;
        outbound.clear();
        controlTail = 0;
        ackHead = ackTail = 0;
        readBuffer.clear();
        chain.reset();
        compactVersion = 0;
        compactHighBandwidth = false;
        metrics.compactVersion = 0;
        metrics.compactHighBandwidth = false;
    }

    private void onConnected(final long nowNs)
    {
        state = PeerState.HANDSHAKING;
        metrics.state = state;
        deadlineNs = nowNs + ctx.handshakeTimeoutNs();
        appendVersion();
        flush(nowNs);
    }

    private void onReady(final long nowNs)
    {
        state = PeerState.READY;
        metrics.state = state;
        consecutiveFailures = 0;
        metrics.consecutiveFailures = 0;
        metrics.onConnected(ctx.epochClock().time());
        nextPingNs = nowNs + ctx.pingIntervalNs();
        // Ask for new blocks to be announced with headers: that is how we learn each peer's tip.
        appendEmpty(Command.SENDHEADERS);
        if (ctx.compactBlocks())
        {
            // Low-bandwidth compact blocks, version 1: the peer may then ask us with MSG_CMPCT_BLOCK.
            final int start = reserve(SendCmpctFlyweight.LENGTH);
            if (start >= 0)
            {
                SendCmpctFlyweight.encode(controlBuffer, start + HEADER_LENGTH, false, 1);
                commit(start, Command.SENDCMPCT, SendCmpctFlyweight.LENGTH);
            }
        }
        flush(nowNs);
    }

    /**
     * Close the connection, fail what it still owed, and schedule the next attempt: exponential
     * back-off with jitter, or the breaker's cool-down after {@code breakerThreshold} failures in a row.
     */
    void fail(final FailureReason reason, final long nowNs)
    {
        if (state == PeerState.CLOSED)
        {
            return;
        }
        closeChannel();
        metrics.onFailure(reason);
        consecutiveFailures++;
        metrics.consecutiveFailures = consecutiveFailures;
        loop.onPeerFailed(this, reason);
        if (consecutiveFailures >= ctx.breakerThreshold())
        {
            if (consecutiveFailures == ctx.breakerThreshold())
            {
                // Repeated failures may mean the host moved: look it up again before the half-open try.
                requestResolve();
            }
            state = PeerState.CIRCUIT_OPEN;
            nextAttemptNs = nowNs + ctx.breakerCooldownNs();
        }
        else
        {
            state = PeerState.BACKOFF;
            final long base = Math.min(ctx.reconnectMaxDelayNs(),
                ctx.reconnectDelayNs() << Math.min(consecutiveFailures - 1, 20));
            final long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
            nextAttemptNs = nowNs + jittered;
        }
        metrics.state = state;
    }

    void close()
    {
        if (state != PeerState.CLOSED)
        {
            closeChannel();
            loop.onPeerFailed(this, FailureReason.SHUTDOWN);
            state = PeerState.CLOSED;
            metrics.state = state;
        }
    }

    private void closeChannel()
    {
        if (key != null)
        {
            key.cancel();
            key = null;
        }
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing; nothing more to do
            }
            channel = null;
        }
        outbound.clear();
        controlTail = 0;
        ackHead = ackTail = 0;
        keepaliveNonce = 0;
        metrics.connectedSinceMs = 0;
    }

    // ---------------------------------------------------------------- selector events

    int onSelected(final SelectionKey selected, final long nowNs)
    {
        if (!selected.isValid())
        {
            return 0;
        }
        final int ready = selected.readyOps();
        int work = 0;
        if ((ready & SelectionKey.OP_CONNECT) != 0)
        {
            work += onConnectable(nowNs);
        }
        if (channel != null && (ready & SelectionKey.OP_WRITE) != 0)
        {
            work += flush(nowNs);
        }
        if (channel != null && (ready & SelectionKey.OP_READ) != 0)
        {
            work += onReadable(nowNs);
        }
        return work;
    }

    private int onConnectable(final long nowNs)
    {
        try
        {
            if (channel.finishConnect())
            {
                key.interestOps(SelectionKey.OP_READ);
                onConnected(nowNs);
            }
        }
        catch (final ConnectException ex)
        {
            fail(FailureReason.CONNECT_REFUSED, nowNs);
        }
        catch (final IOException ex)
        {
            fail(FailureReason.IO_ERROR, nowNs);
        }
        return 1;
    }

    private int onReadable(final long cycleNs)
    {
        // Stamp what arrives with a fresh clock: an ack must not predate the hand-off it follows.
        final long nowNs = ctx.nanoClock().nanoTime();
        final int n;
        try
        {
            n = channel.read(readBuffer);
        }
        catch (final IOException ex)
        {
            fail(FailureReason.IO_ERROR, nowNs);
            return 1;
        }
        if (n < 0)
        {
            fail(FailureReason.PEER_CLOSED, nowNs);
            return 1;
        }
        final int limit = readBuffer.position();
        int position = 0;
        try
        {
            while (channel != null)
            {
                final int frameLength = decoder.decode(readView, position, limit - position);
                if (frameLength == 0)
                {
                    break;
                }
                onMessage(decoder.command(), position + HEADER_LENGTH, frameLength - HEADER_LENGTH, nowNs);
                position += frameLength;
            }
        }
        catch (final ProtocolException ex)
        {
            fail(reasonFor(ex), nowNs);
            return 1;
        }
        if (channel != null)
        {
            compactReadBuffer(position, limit);
        }
        return 1;
    }

    private void compactReadBuffer(final int position, final int limit)
    {
        readBuffer.limit(limit).position(position);
        readBuffer.compact();
        final int remaining = readBuffer.position();
        final int needed = decoder.frameLengthHint(readView, 0, remaining);
        if (needed > readBuffer.capacity())
        {
            // Bounded: the decoder has already refused lengths above MAX_PROTOCOL_MESSAGE_LENGTH.
            final ByteBuffer bigger = ByteBuffer.allocateDirect(needed);
            readBuffer.flip();
            bigger.put(readBuffer);
            readBuffer = bigger;
            readView.wrap(readBuffer);
        }
    }

    private static FailureReason reasonFor(final ProtocolException ex)
    {
        switch (ex.error())
        {
            case WRONG_MAGIC:
                return FailureReason.WRONG_MAGIC;
            case MALFORMED_COMMAND:
                return FailureReason.MALFORMED_COMMAND;
            case OVERSIZED_LENGTH:
                return FailureReason.OVERSIZED_LENGTH;
            case BAD_CHECKSUM:
                return FailureReason.BAD_CHECKSUM;
            default:
                return FailureReason.MALFORMED_PAYLOAD;
        }
    }

    // ---------------------------------------------------------------- inbound messages

    private void onMessage(final Command command, final int offset, final int length, final long nowNs)
    {
        metrics.onMessage(command);
        switch (command)
        {
            case VERSION:
                onVersion(offset, length, nowNs);
                break;
            case VERACK:
                verackReceived = true;
                if (versionReceived && state == PeerState.HANDSHAKING)
                {
                    onReady(nowNs);
                }
                break;
            case PING:
                appendNonceMessage(Command.PONG, nonceFlyweight.wrap(readView, offset, length).nonce(), nowNs);
                flush(nowNs);
                break;
            case PONG:
                onPong(nonceFlyweight.wrap(readView, offset, length).nonce(), nowNs);
                break;
            case HEADERS:
                onHeaders(offset, length);
                break;
            case INV:
                onInv(offset, length);
                break;
            case GETDATA:
                onGetData(offset, length, nowNs);
                break;
            case SENDCMPCT:
                onSendCmpct(offset, length);
                break;
            case GETBLOCKTXN:
                loop.serveBlockTxn(this, getBlockTxn.wrap(readView, offset, length), nowNs);
                break;
            default:
                // Counted above; nothing else a block pusher needs (sporks, dsq, governance, addr...).
                break;
        }
    }

    private void onSendCmpct(final int offset, final int length)
    {
        sendCmpct.wrap(readView, offset, length);
        // Dash Core ignores any version but 1, and so do we.
        if (sendCmpct.version() == 1)
        {
            compactVersion = 1;
            compactHighBandwidth = sendCmpct.announce();
            metrics.compactVersion = 1;
            metrics.compactHighBandwidth = compactHighBandwidth;
        }
    }

    private void onVersion(final int offset, final int length, final long nowNs)
    {
        if (versionReceived)
        {
            return;
        }
        version.wrap(readView, offset, length);
        metrics.remoteVersion = version.protocolVersion();
        metrics.remoteServices = version.services();
        metrics.remoteUserAgent = version.userAgent();
        metrics.remoteStartHeight = version.startHeight();
        if (version.protocolVersion() < Network.MIN_PEER_PROTO_VERSION)
        {
            fail(FailureReason.VERSION_TOO_OLD, nowNs);
            return;
        }
        if (version.nonce() == ctx.localNonce())
        {
            fail(FailureReason.SELF_CONNECTION, nowNs);
            return;
        }
        versionReceived = true;
        appendEmpty(Command.VERACK);
        flush(nowNs);
        if (verackReceived && state == PeerState.HANDSHAKING)
        {
            onReady(nowNs);
        }
    }

    /**
     * A pong either answers our keep-alive ping (round-trip time) or the ping we sent right behind a
     * block: Dash Core handles one peer's messages strictly in order and validates an unsolicited
     * block synchronously while handling the {@code block} message, so the pong to the ping that
     * followed it proves the block was processed. Earlier block pings are acknowledged with it.
     */
    private void onPong(final long nonce, final long nowNs)
    {
        if (keepaliveNonce != 0 && nonce == keepaliveNonce)
        {
            metrics.onRtt(nowNs - keepaliveSentNs);
            keepaliveNonce = 0;
            return;
        }
        if (confirmNonce != 0 && nonce == confirmNonce)
        {
            confirmNonce = 0;
            if (!chain.contains(confirmHash))
            {
                chain.onConfirmFailed();
            }
            return;
        }
        for (long s = ackHead; s < ackTail; s++)
        {
            final int i = (int)(s & (ACK_CAPACITY - 1));
            if (ackNonces[i] == nonce)
            {
                for (long t = ackHead; t <= s; t++)
                {
                    final int k = (int)(t & (ACK_CAPACITY - 1));
                    if (!ackSuperseded[k])
                    {
                        loop.onAck(this, ackSequences[k], nowNs);
                    }
                }
                ackHead = s + 1;
                return;
            }
        }
    }

    private void onHeaders(final int offset, final int length)
    {
        headers.wrap(readView, offset, length);
        final int count = headers.count();
        for (int i = 0; i < count; i++)
        {
            // The peer has the parent of every header it announces.
            chain.add(readView, headers.headerOffset(i) + BlockView.PREV_HASH_OFFSET);
        }
        if (count > 0)
        {
            x11.hash(readView, headers.headerOffset(count - 1), BlockView.HEADER_LENGTH, scratchHash, 0);
            chain.add(scratchHash);
            chain.onTipLearned();
        }
    }

    private void onInv(final int offset, final int length)
    {
        inventory.wrap(readView, offset, length);
        for (int i = 0; i < inventory.count(); i++)
        {
            if (inventory.type(i) == InventoryFlyweight.MSG_BLOCK)
            {
                chain.add(readView, inventory.hashOffset(i));
                chain.onTipLearned();
            }
        }
    }

    private void onGetData(final int offset, final int length, final long nowNs)
    {
        inventory.wrap(readView, offset, length);
        chain.onGetData();
        for (int i = 0; i < inventory.count(); i++)
        {
            final int type = inventory.type(i);
            if (type == InventoryFlyweight.MSG_BLOCK || type == InventoryFlyweight.MSG_CMPCT_BLOCK)
            {
                // Unknown blocks get no reply, as in Dash Core.
                loop.serveBlock(this, readView, inventory.hashOffset(i),
                    type == InventoryFlyweight.MSG_CMPCT_BLOCK ? FrameKind.COMPACT_BLOCK : FrameKind.FULL_BLOCK, nowNs);
            }
        }
    }

    // ---------------------------------------------------------------- outbound

    /**
     * Queue a slot's block frame followed by an ack ping. Nothing is copied.
     */
    boolean enqueueBlock(final ByteBuffer slotView, final int frameLength, final long sequence, final long nowNs)
    {
        return enqueueFrame(slotView, 0, frameLength, sequence, OutboundQueue.BLOCK, nowNs);
    }

    /**
     * Queue a slot's cmpctblock frame followed by an ack ping. Nothing is copied.
     */
    boolean enqueueCompact(
        final ByteBuffer slotView, final int offset, final int length, final long sequence, final long nowNs)
    {
        return enqueueFrame(slotView, offset, offset + length, sequence, OutboundQueue.CMPCT, nowNs);
    }

    private boolean enqueueFrame(
        final ByteBuffer slotView, final int start, final int end, final long sequence, final byte kind, final long nowNs)
    {
        if (outbound.size() > 250 || ackTail - ackHead >= ACK_CAPACITY)
        {
            fail(FailureReason.SEND_BACKLOG, nowNs);
            return false;
        }
        outbound.add(slotView, start, end, sequence, kind);
        appendAckPing(sequence, nowNs);
        return true;
    }

    private void appendAckPing(final long sequence, final long nowNs)
    {
        final long nonce = nextNonce();
        final int i = (int)(ackTail & (ACK_CAPACITY - 1));
        ackNonces[i] = nonce;
        ackSequences[i] = sequence;
        ackQueuedNs[i] = nowNs;
        ackSuperseded[i] = false;
        ackTail++;
        appendNonceMessage(Command.PING, nonce, nowNs);
    }

    /**
     * The peer asked for more of block {@code sequence} (getblocktxn or getdata): the pongs already
     * expected for it prove only that the ask was sent, so they no longer count as acks.
     */
    void supersedeAcks(final long sequence)
    {
        for (long s = ackHead; s < ackTail; s++)
        {
            final int i = (int)(s & (ACK_CAPACITY - 1));
            if (ackSequences[i] == sequence)
            {
                ackSuperseded[i] = true;
            }
        }
    }

    /**
     * Queue a {@code blocktxn} for the transactions {@code request} names, followed by an ack ping.
     * Straight from the slot when the request is a few runs of consecutive transactions: the frame
     * header, block hash and count go in the control buffer, each run is one range of the slot's
     * buffer, and the checksum is hashed over those pieces in place. A request scattered over more
     * runs than the queue holds is copied once, transactions as they lie in the block, into this
     * peer's bulk buffer (grown, rarely, to the largest answer so far) and framed there.
     *
     * @return false (nothing queued) when neither fits: send the full block instead.
     */
    boolean enqueueBlockTxn(
        final ByteBuffer slotView, final BlockView block, final DirectBuffer hash, final int hashOffset,
        final GetBlockTxnFlyweight request, final Sha256d sha256d, final long sequence, final long nowNs)
    {
        if (outbound.size() > 200 || ackTail - ackHead >= ACK_CAPACITY)
        {
            return false;
        }
        final int count = request.count();
        int runs = 0;
        int payloadLength = BlockTxnFlyweight.prefixLength(count);
        for (int i = 0; i < count; i++)
        {
            final int index = request.index(i);
            runs += i == 0 || request.index(i - 1) != index - 1 ? 1 : 0;
            payloadLength += block.transactionLength(index);
        }
        if (runs + 4 <= outbound.remaining() - 40)
        {
            return enqueueBlockTxnRanges(slotView, block, hash, hashOffset, request, sha256d, payloadLength, sequence, nowNs);
        }
        return enqueueBlockTxnCopy(block, hash, hashOffset, request, payloadLength, sequence, nowNs);
    }

    private boolean enqueueBlockTxnRanges(
        final ByteBuffer slotView, final BlockView block, final DirectBuffer hash, final int hashOffset,
        final GetBlockTxnFlyweight request, final Sha256d sha256d, final int payloadLength, final long sequence,
        final long nowNs)
    {
        final int count = request.count();
        final int prefixLength = BlockTxnFlyweight.prefixLength(count);
        final int start = reserve(prefixLength + NonceFlyweight.LENGTH + HEADER_LENGTH);
        if (start < 0)
        {
            return false;
        }
        final int prefixOffset = start + HEADER_LENGTH;
        BlockTxnFlyweight.encodePrefix(controlBuffer, prefixOffset, hash, hashOffset, count);
        sha256d.reset();
        sha256d.update(controlBuffer, prefixOffset, prefixLength);
        forEachRun(block, request, sha256d, null, sequence);
        MessageHeaderFlyweight.write(controlBuffer, start, ctx.network().magic(), Command.BLOCKTXN, payloadLength,
            sha256d.finishChecksum());
        controlTail = prefixOffset + prefixLength;
        outbound.add(controlView, start, controlTail, -1, OutboundQueue.CONTROL);
        forEachRun(block, request, null, slotView, sequence);
        appendAckPing(sequence, nowNs);
        return true;
    }

    private boolean enqueueBlockTxnCopy(
        final BlockView block, final DirectBuffer hash, final int hashOffset, final GetBlockTxnFlyweight request,
        final int payloadLength, final long sequence, final long nowNs)
    {
        if (bulkView != null && outbound.holdsView(bulkView))
        {
            return false; // the previous copied answer is still being written
        }
        final int frameLength = HEADER_LENGTH + payloadLength;
        if (bulk == null || bulk.capacity() < frameLength)
        {
            bulk = BufferUtil.allocateDirectAligned(org.agrona.BitUtil.align(frameLength, 4096), 64);
            bulkView = bulk.duplicate();
            bulkBuffer.wrap(bulk);
        }
        int position = HEADER_LENGTH;
        position += BlockTxnFlyweight.encodePrefix(bulkBuffer, position, hash, hashOffset, request.count());
        final DirectBuffer src = block.buffer();
        for (int i = 0; i < request.count(); i++)
        {
            final int index = request.index(i);
            final int length = block.transactionLength(index);
            bulkBuffer.putBytes(position, src, block.transactionOffset(index), length);
            position += length;
        }
        framer.frame(bulkBuffer, 0, Command.BLOCKTXN, payloadLength);
        outbound.add(bulkView, 0, frameLength, sequence, OutboundQueue.BLOCKTXN);
        appendAckPing(sequence, nowNs);
        return true;
    }

    /**
     * Walk the requested transactions as runs of consecutive ones: hash each run, or queue it.
     */
    private void forEachRun(
        final BlockView block, final GetBlockTxnFlyweight request, final Sha256d sha256d, final ByteBuffer slotView,
        final long sequence)
    {
        final int count = request.count();
        int i = 0;
        while (i < count)
        {
            final int first = request.index(i);
            int last = first;
            while (i + 1 < count && request.index(i + 1) == last + 1)
            {
                last = request.index(++i);
            }
            i++;
            final int runStart = block.transactionOffset(first);
            final int runEnd = block.transactionOffset(last) + block.transactionLength(last);
            if (sha256d != null)
            {
                sha256d.update(block.buffer(), runStart, runEnd - runStart);
            }
            else
            {
                outbound.add(slotView, runStart, runEnd, sequence, OutboundQueue.BLOCKTXN);
            }
        }
    }

    /**
     * Queue a slot's one-header {@code headers} frame (for a peer not known to have the parent).
     */
    boolean enqueueHeaders(final ByteBuffer slotView, final int offset, final int length, final long sequence,
        final long nowNs)
    {
        if (outbound.size() > 250)
        {
            fail(FailureReason.SEND_BACKLOG, nowNs);
            return false;
        }
        outbound.add(slotView, offset, offset + length, sequence, OutboundQueue.HEADERS);
        return true;
    }

    /**
     * @return true while any range of {@code sequence} (block, headers, compact, blocktxn) is still queued here.
     */
    boolean holdsSlot(final long sequence)
    {
        return holdsBlock(sequence) || outbound.holds(sequence, OutboundQueue.HEADERS);
    }

    /**
     * @return true while a block, compact block or blocktxn range of {@code sequence} is still queued here.
     */
    boolean holdsBlock(final long sequence)
    {
        return outbound.holdsPayload(sequence);
    }

    /**
     * @return lowest slot sequence this peer still needs (queued or awaiting its ack), or Long.MAX_VALUE.
     */
    long lowestHeldSequence()
    {
        long lowest = outbound.lowestSequence();
        // Entries are in send order, not sequence order (getdata serves older slots): scan them all.
        for (long s = ackHead; s < ackTail; s++)
        {
            lowest = Math.min(lowest, ackSequences[(int)(s & (ACK_CAPACITY - 1))]);
        }
        return lowest;
    }

    /**
     * Write as much as the kernel takes; register for OP_WRITE only when a write made no progress.
     */
    int flush(final long nowNs)
    {
        int work = 0;
        while (channel != null && !outbound.isEmpty())
        {
            final int n = outbound.gather(srcs);
            final long written;
            try
            {
                written = channel.write(srcs, 0, n);
            }
            catch (final IOException ex)
            {
                fail(FailureReason.IO_ERROR, nowNs);
                return work + 1;
            }
            if (written <= 0)
            {
                setWriteInterest(true);
                return work;
            }
            work++;
            // Hand-off time is when the kernel took the bytes, read fresh rather than the cycle's clock.
            outbound.advance(written, this, ctx.nanoClock().nanoTime());
        }
        if (channel != null)
        {
            controlTail = 0;
            setWriteInterest(false);
        }
        return work;
    }

    public void onRangeWritten(final byte kind, final long sequence, final long nowNs)
    {
        if (kind == OutboundQueue.BLOCK || kind == OutboundQueue.CMPCT)
        {
            loop.onBlockWritten(this, sequence, nowNs);
        }
    }

    private void setWriteInterest(final boolean on)
    {
        if (on != writeInterest && key != null && key.isValid())
        {
            key.interestOps(on ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            writeInterest = on;
        }
    }

    private void appendVersion()
    {
        final int start = reserve(400);
        ThreadLocalRandom.current().nextBytes(challenge);
        addressBytes(address, ip16);
        version.wrapForEncode(controlBuffer, start + HEADER_LENGTH)
            .protocolVersion(Network.PROTOCOL_VERSION)
            .services(0)
            .time(ctx.epochClock().time() / 1000)
            .addrYouServices(0)
            .addrYouIp(ip16)
            .addrYouPort(address.getPort())
            .addrMeServices(0)
            .addrMeIp(new byte[16])
            .addrMePort(0)
            .nonce(ctx.localNonce())
            .userAgent(ctx.userAgent())
            .startHeight(ctx.startHeight())
            .relay(false)
            .mnauthChallenge(challenge)
            .masternodeConnection(false);
        commit(start, Command.VERSION, version.encodedLength());
    }

    /**
     * Ask the peer whether it has a block: {@code getheaders} with an empty locator and the block as
     * hash-stop is answered with that one header if (and only if) the peer has it.
     */
    void requestHeaderOf(final byte[] blockHash, final long nowNs)
    {
        if (confirmNonce != 0)
        {
            return;
        }
        final int start = reserve(4 + 1 + 32);
        if (start < 0)
        {
            fail(FailureReason.SEND_BACKLOG, nowNs);
            return;
        }
        final int length = GetHeadersFlyweight.encode(
            controlBuffer, start + HEADER_LENGTH, Network.PROTOCOL_VERSION, controlBuffer, 0, 0, blockHash);
        commit(start, Command.GETHEADERS, length);
        // The pong to this ping comes after any headers reply (messages are handled in order): if the
        // header has not arrived by then, the peer does not have the block.
        System.arraycopy(blockHash, 0, confirmHash, 0, 32);
        confirmNonce = nextNonce();
        appendNonceMessage(Command.PING, confirmNonce, nowNs);
        flush(nowNs);
    }

    private void appendEmpty(final Command command)
    {
        final int start = reserve(0);
        if (start >= 0)
        {
            commit(start, command, 0);
        }
    }

    private void appendNonceMessage(final Command command, final long nonce, final long nowNs)
    {
        final int start = reserve(NonceFlyweight.LENGTH);
        if (start < 0)
        {
            fail(FailureReason.SEND_BACKLOG, nowNs);
            return;
        }
        NonceFlyweight.encode(controlBuffer, start + HEADER_LENGTH, nonce);
        commit(start, command, NonceFlyweight.LENGTH);
    }

    private int reserve(final int payloadBytes)
    {
        if (outbound.isEmpty())
        {
            controlTail = 0;
        }
        if (controlTail + HEADER_LENGTH + payloadBytes > CONTROL_BUFFER_BYTES || outbound.isFull())
        {
            return -1;
        }
        return controlTail;
    }

    private void commit(final int start, final Command command, final int payloadBytes)
    {
        final int length = framer.frame(controlBuffer, start, command, payloadBytes);
        controlTail = start + length;
        outbound.add(controlView, start, start + length, -1, OutboundQueue.CONTROL);
    }

    private long nextNonce()
    {
        long n;
        do
        {
            n = ++nonceSequence * 0x9E3779B97F4A7C15L;
        }
        while (n == 0);
        return n;
    }

    private static void addressBytes(final InetSocketAddress address, final byte[] ip16)
    {
        final byte[] raw = address.getAddress() == null ? new byte[4] : address.getAddress().getAddress();
        if (address.getAddress() instanceof Inet4Address || raw.length == 4)
        {
            System.arraycopy(IPV4_MAPPED_PREFIX, 0, ip16, 0, 12);
            System.arraycopy(raw, 0, ip16, 12, 4);
        }
        else
        {
            System.arraycopy(raw, 0, ip16, 0, 16);
        }
    }

    DirectBuffer readView()
    {
        return readView;
    }
}
