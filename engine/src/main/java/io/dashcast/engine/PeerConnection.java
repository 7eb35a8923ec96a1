package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * One configured peer as its broadcast loop sees it: the socket and its lifecycle
 * ({@link PeerState}), keep-alive pings, and the ordered queue of what is still to be written. Owned
 * by exactly one loop thread. Its other jobs are delegated: when to reconnect to
 * {@link ReconnectPolicy}, what is still to be written (and acked) to {@link PeerOutbox}, reading to
 * {@link InboundFrameReader} and inbound messages to {@link PeerMessageAdapter}.
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
final class PeerConnection implements OutboundQueue.CompletionListener, AckTracker.Listener
{
    final int index;
    /** Written only by the owning loop (a re-prioritisation command). */
    PeerEndpoint endpoint;
    /** Removed from the live set: gets no new block, closed by its loop once its blocks are settled. */
    boolean retiring;
    final PeerMetrics metrics;
    final PeerChainState chain = new PeerChainState();
    final CompactHistory compactHistory = new CompactHistory();
    private final BroadcasterContext ctx;
    private final SlotTracker slots;
    private final PeerAddress address;
    private final PeerSocket socket;
    private final ReconnectPolicy reconnect;
    private final PeerOutbox outbox;
    private final ControlFrameWriter control;
    private final InboundFrameReader reader;
    private final PeerMessageAdapter adapter;
    private final PeerPings pings;
    private final InetSocketAddress proxy;
    private final Socks5Connect socks;
    private final ErrorHandler errorHandler;
    private final UploadBudget peerBudget;
    private final UploadBudget loopBudget;
    private boolean proxying;

    private PeerState state = PeerState.DISCONNECTED;
    private long deadlineNs;
    private long nextAttemptNs;
    private long compactVersion;

    PeerConnection(
        final int index,
        final PeerEndpoint endpoint,
        final InetSocketAddress address,
        final PeerMetrics metrics,
        final BroadcasterContext ctx,
        final BroadcastLoop loop,
        final X11 x11)
    {
        this.index = index;
        this.endpoint = endpoint;
        this.address = new PeerAddress(endpoint, address, ctx.hostResolver(), loop.resolver());
        this.metrics = metrics;
        this.ctx = ctx;
        this.slots = loop.slots();
        this.socket = new PeerSocket(loop.selector(), ctx.sendBufferBytes(), ctx.receiveBufferBytes());
        this.reconnect = ReconnectPolicy.of(ctx, endpoint, index);
        this.outbox = new PeerOutbox(ctx.network());
        this.control = outbox.control();
        this.reader = new InboundFrameReader(ctx.network());
        this.adapter = new PeerMessageAdapter(
            this, reader.buffer(), loop.requests(), loop.heldBack(), ctx.localNonce(), x11, loop.addresses());
        this.pings = new PeerPings(ctx.pingIntervalNs(), ctx.pingTimeoutNs(), ctx.localNonce() ^ ((long)index << 32));
        this.proxy = ctx.proxyFor(endpoint);
        this.socks = proxy == null ? null : new Socks5Connect(endpoint.host(), endpoint.port());
        this.errorHandler = loop.errorHandler();
        this.peerBudget = new UploadBudget(ctx.peerUploadCapBytesPerSecond());
        this.loopBudget = loop.uploadBudget();
    }

    PeerState state()
    {
        return state;
    }

    boolean isReady()
    {
        return state == PeerState.READY;
    }

    boolean isConnected()
    {
        return socket.isOpen();
    }

    /**
     * @return compact block version the peer announced with {@code sendcmpct} (1), or 0.
     */
    long compactVersion()
    {
        return compactVersion;
    }

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
                return nowNs - nextAttemptNs >= 0 ? connect(nowNs) : 0;
            case CONNECTING:
                return nowNs - deadlineNs >= 0 ? fail(FailureReason.CONNECT_TIMEOUT, nowNs) : 0;
            case HANDSHAKING:
                return nowNs - deadlineNs >= 0 ? fail(FailureReason.HANDSHAKE_TIMEOUT, nowNs) : 0;
            case READY:
                return onReadyTimer(nowNs);
            default:
                return 0;
        }
    }

    private int onReadyTimer(final long nowNs)
    {
        if (outbox.hasQueued() && (peerBudget.isCapped() || loopBudget.isCapped()))
        {
            // An upload cap held bytes back: the buckets have refilled since.
            flush(nowNs);
        }
        if (outbox.acks().isOverdue(nowNs, ctx.broadcastTimeoutNs()))
        {
            // A block's ping unanswered past the timeout: the peer holds a slot it may not keep.
            return fail(FailureReason.BROADCAST_TIMEOUT, nowNs);
        }
        if (pings.isKeepaliveOverdue(nowNs))
        {
            return fail(FailureReason.PING_TIMEOUT, nowNs);
        }
        final long nonce = pings.keepaliveDue(nowNs);
        if (nonce != 0)
        {
            appendNonce(Command.PING, nonce, nowNs);
            flush(nowNs);
            return 1;
        }
        return 0;
    }

    private int connect(final long nowNs)
    {
        final InetSocketAddress target = proxy != null ? proxy : address.get();
        if (target.isUnresolved())
        {
            address.requestResolve();
            return fail(FailureReason.UNRESOLVED_HOST, nowNs);
        }
        try
        {
            resetConnectionState();
            state(PeerState.CONNECTING);
            deadlineNs = nowNs + ctx.connectTimeoutNs();
            if (socket.open(target, this))
            {
                onConnected(nowNs);
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
        return 1;
    }

    private void resetConnectionState()
    {
        adapter.reset();
        pings.reset();
        outbox.clear();
        reader.clear();
        chain.reset();
        compactVersion = 0;
        proxying = false;
        metrics.compactVersion = 0;
        metrics.compactHighBandwidth = false;
    }

    private void onConnected(final long nowNs) throws IOException
    {
        state(PeerState.HANDSHAKING);
        deadlineNs = nowNs + ctx.handshakeTimeoutNs();
        if (socks != null)
        {
            // Connected to the proxy: ask it for the peer first (the handshake deadline covers both).
            proxying = true;
            socks.start(socket.channel());
            return;
        }
        sendVersion(nowNs);
    }

    private void sendVersion(final long nowNs)
    {
        control.appendVersion(address.get(), ctx);
        flush(nowNs);
    }

    private void onProxyReadable(final long nowNs) throws IOException
    {
        final int result = socks.onReadable(socket.channel());
        if (result == Socks5Connect.CONNECTED)
        {
            proxying = false;
            sendVersion(nowNs);
        }
        else if (result < 0)
        {
            errorHandler.onError(new IOException(
                "peer " + endpoint.name() + " through SOCKS5 proxy " + proxy + ": " + socks.failure()));
            fail(FailureReason.PROXY_FAILED, nowNs);
        }
    }

    void onReady(final long nowNs)
    {
        state(PeerState.READY);
        reconnect.onReady();
        metrics.consecutiveFailures = 0;
        metrics.onConnected(ctx.epochClock().time());
        pings.onReady(nowNs);
        // Ask for new blocks to be announced with headers: that is how we learn each peer's tip.
        control.appendEmpty(Command.SENDHEADERS);
        if (ctx.compactBlocks())
        {
            control.appendSendCmpct();
        }
        // Candidates for the peer store: Dash Core answers one getaddr per inbound connection.
        control.appendEmpty(Command.GETADDR);
        // The first keep-alive ping at once: its pong gives the round trip from the start.
        final long nonce = pings.keepaliveDue(nowNs);
        if (nonce != 0)
        {
            appendNonce(Command.PING, nonce, nowNs);
        }
        flush(nowNs);
    }

    /**
     * Close the connection, fail what it still owed, and schedule the next attempt as the
     * {@link ReconnectPolicy} says.
     *
     * @return 1, a unit of work.
     */
    int fail(final FailureReason reason, final long nowNs)
    {
        if (state == PeerState.CLOSED)
        {
            return 0;
        }
        final boolean duringHandshake = state == PeerState.HANDSHAKING;
        closeChannel();
        metrics.onFailure(reason);
        slots.onPeerFailed(this, reason);
        nextAttemptNs = nowNs + reconnect.onFailure(duringHandshake);
        metrics.consecutiveFailures = reconnect.consecutiveFailures();
        if (reconnect.justOpened())
        {
            // Repeated failures may mean the host moved: look it up again before the half-open try.
            address.requestResolve();
        }
        state(reconnect.circuitOpen() ? PeerState.CIRCUIT_OPEN : PeerState.BACKOFF);
        return 1;
    }

    void close()
    {
        close(FailureReason.SHUTDOWN);
    }

    /**
     * Close for good: pending outcomes of this loop's open slots settle with {@code reason}.
     */
    void close(final FailureReason reason)
    {
        if (state != PeerState.CLOSED)
        {
            closeChannel();
            slots.onPeerFailed(this, reason);
            state(PeerState.CLOSED);
        }
    }

    private void state(final PeerState state)
    {
        this.state = state;
        metrics.state = state;
    }

    private void closeChannel()
    {
        socket.close();
        outbox.clear();
        pings.reset();
        metrics.connectedSinceMs = 0;
    }

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
        if (socket.isOpen() && (ready & SelectionKey.OP_WRITE) != 0)
        {
            work += flush(nowNs);
        }
        if (socket.isOpen() && (ready & SelectionKey.OP_READ) != 0)
        {
            work += onReadable();
        }
        return work;
    }

    private int onConnectable(final long nowNs)
    {
        try
        {
            if (socket.finishConnect())
            {
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

    private int onReadable()
    {
        // Stamp what arrives with a fresh clock: an ack must not predate the hand-off it follows.
        final long nowNs = ctx.nanoClock().nanoTime();
        adapter.nowNs(nowNs);
        try
        {
            if (proxying)
            {
                onProxyReadable(nowNs);
            }
            else
            {
                final long before = reader.readBytes();
                final boolean open = reader.read(socket.channel(), adapter);
                metrics.onWire(0, reader.readBytes() - before);
                if (!open)
                {
                    fail(FailureReason.PEER_CLOSED, nowNs);
                }
            }
        }
        catch (final IOException ex)
        {
            fail(FailureReason.IO_ERROR, nowNs);
        }
        catch (final ProtocolException ex)
        {
            fail(InboundFrameReader.reasonFor(ex), nowNs);
        }
        return 1;
    }

    void sendPong(final long nonce, final long nowNs)
    {
        appendNonce(Command.PONG, nonce, nowNs);
        flush(nowNs);
    }

    void sendVerack(final boolean addrV2, final long nowNs)
    {
        if (addrV2)
        {
            control.appendEmpty(Command.SENDADDRV2);
        }
        control.appendEmpty(Command.VERACK);
        flush(nowNs);
    }

    void onCompactAnnounced(final boolean highBandwidth)
    {
        compactVersion = 1;
        metrics.compactVersion = 1;
        metrics.compactHighBandwidth = highBandwidth;
    }

    /**
     * A pong answers our keep-alive ping (round-trip time), our header question (see
     * {@link #requestHeaderOf}) or the ping sent right behind a block: Dash Core handles one peer's
     * messages strictly in order and validates an unsolicited block synchronously, so the pong to
     * the ping that followed it proves the block was processed.
     */
    void onPong(final long nonce, final long nowNs)
    {
        if (!pings.onPong(nonce, nowNs, chain, metrics))
        {
            outbox.acks().onPong(nonce, nowNs, this);
        }
    }

    /**
     * The peer announced a block to us ({@code headers} or {@code inv}): if it is one of ours still
     * held by this loop, the peer has it (network propagation).
     */
    void onBlockAnnounced(final DirectBuffer hash, final int hashOffset, final long nowNs)
    {
        final long sequence = slots.findSlot(hash, hashOffset);
        if (sequence >= 0)
        {
            slots.onAnnounced(this, sequence, nowNs);
        }
    }

    @Override
    public void onAck(final long sequence, final long nowNs)
    {
        slots.onAck(this, sequence, nowNs);
    }

    /**
     * Queue a slot's block frame followed by an ack ping (nothing is copied), and write.
     */
    void sendBlock(final ByteBuffer slotView, final int frameLength, final long sequence, final long nowNs)
    {
        afterQueue(outbox.addBlockFrame(
            slotView, 0, frameLength, sequence, OutboundQueue.BLOCK, pings.nextNonce(), nowNs), nowNs);
    }

    /**
     * Queue a slot's cmpctblock frame followed by an ack ping (nothing is copied), and write.
     */
    void sendCompact(final ByteBuffer slotView, final int offset, final int length, final long sequence, final long nowNs)
    {
        afterQueue(outbox.addBlockFrame(
            slotView, offset, offset + length, sequence, OutboundQueue.CMPCT, pings.nextNonce(), nowNs), nowNs);
    }

    /**
     * Queue a slot's one-header {@code headers} frame (for a peer not known to have the parent), and write.
     */
    void sendHeaders(final ByteBuffer slotView, final int offset, final int length, final long sequence, final long nowNs)
    {
        afterQueue(outbox.addHeaders(slotView, offset, length, sequence), nowNs);
    }

    private void afterQueue(final boolean queued, final long nowNs)
    {
        if (queued)
        {
            flush(nowNs);
        }
        else
        {
            fail(FailureReason.SEND_BACKLOG, nowNs);
        }
    }

    /**
     * Queue a {@code blocktxn} answer and its ack ping, and write.
     *
     * @return false (nothing queued) when it does not fit: send the full block instead.
     */
    boolean sendBlockTxn(
        final ByteBuffer slotView, final BlockView block, final DirectBuffer hash, final int hashOffset,
        final GetBlockTxnFlyweight request, final long sequence, final long nowNs)
    {
        if (!outbox.addBlockTxn(slotView, block, hash, hashOffset, request, sequence, pings.nextNonce(), nowNs))
        {
            return false;
        }
        flush(nowNs);
        return true;
    }

    /**
     * @return what is still to be written to this peer and acked by it.
     */
    PeerOutbox outbox()
    {
        return outbox;
    }

    /**
     * Write as much as the kernel takes; register for OP_WRITE only when a write made no progress.
     */
    int flush(final long nowNs)
    {
        if (!socket.isOpen())
        {
            return 0;
        }
        try
        {
            final long before = outbox.writtenBytes();
            final long budget = Math.min(peerBudget.available(nowNs), loopBudget.available(nowNs));
            final int work = outbox.writeTo(socket.channel(), this, ctx.nanoClock(), budget);
            final long written = outbox.writtenBytes() - before;
            peerBudget.consume(written);
            loopBudget.consume(written);
            metrics.onWire(written, 0);
            socket.writeInterest(work < 0);
            return Math.max(work, 0);
        }
        catch (final IOException ex)
        {
            return fail(FailureReason.IO_ERROR, nowNs);
        }
    }

    @Override
    public void onRangeWritten(final byte kind, final long sequence, final long nowNs)
    {
        if (kind == OutboundQueue.BLOCK || kind == OutboundQueue.CMPCT)
        {
            slots.onBlockWritten(this, sequence, nowNs);
        }
    }

    /**
     * Ask the peer whether it has a block: a {@code getheaders} for it, then a ping. The pong comes
     * after any headers reply (messages are handled in order): if the header has not arrived by then,
     * the peer does not have the block.
     */
    void requestHeaderOf(final byte[] blockHash, final long nowNs)
    {
        final long nonce = pings.startConfirm(blockHash);
        if (nonce == 0)
        {
            return;
        }
        if (!control.appendGetHeaders(blockHash))
        {
            fail(FailureReason.SEND_BACKLOG, nowNs);
            return;
        }
        appendNonce(Command.PING, nonce, nowNs);
        flush(nowNs);
    }

    private void appendNonce(final Command command, final long nonce, final long nowNs)
    {
        if (!control.appendNonce(command, nonce))
        {
            fail(FailureReason.SEND_BACKLOG, nowNs);
        }
    }
}
