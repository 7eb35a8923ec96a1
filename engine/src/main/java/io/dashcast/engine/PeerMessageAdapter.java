package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.AddrFlyweight;
import io.dashcast.protocol.message.AddrV2Flyweight;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import io.dashcast.protocol.message.GetHeadersFlyweight;
import io.dashcast.protocol.message.HeadersFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.SendCmpctFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Turns a peer's inbound frames into calls: the handshake (version, verack), pings and pongs,
 * what the peer tells us of its chain ({@code headers}, {@code inv}: also proof that it has one of
 * our blocks, for network propagation; the locator of its {@code getheaders}), its requests ({@code getdata},
 * {@code getblocktxn}) and its compact-block announcement ({@code sendcmpct}). One flyweight per
 * message type, kept and re-wrapped. Owned by the peer's loop thread.
 */
final class PeerMessageAdapter implements InboundFrameReader.Handler
{
    /** Dash Core announces at most 8 blocks by headers (MAX_BLOCKS_TO_ANNOUNCE); more is a sync reply. */
    private static final int MAX_ANNOUNCEMENT_HEADERS = 8;
    /** The locator's first hashes are the peer's tip and its ten parents: enough to connect a child. */
    private static final int LOCATOR_HASHES_LEARNED = 11;

    private final PeerConnection peer;
    private final DirectBuffer buffer;
    private final BlockRequestServer requests;
    private final HeldBackBlocks heldBack;
    private final long localNonce;
    private final X11 x11;
    private final VersionFlyweight version = new VersionFlyweight();
    private final NonceFlyweight nonce = new NonceFlyweight();
    private final InventoryFlyweight inventory = new InventoryFlyweight();
    private final HeadersFlyweight headers = new HeadersFlyweight();
    private final GetHeadersFlyweight getHeaders = new GetHeadersFlyweight();
    private final SendCmpctFlyweight sendCmpct = new SendCmpctFlyweight();
    private final GetBlockTxnFlyweight getBlockTxn = new GetBlockTxnFlyweight();
    private final byte[] scratchHash = new byte[32];
    private final UnsafeBuffer scratchHashView = new UnsafeBuffer(scratchHash);
    private final LearnedAddresses addresses;
    private final AddrFlyweight addr = new AddrFlyweight();
    private final AddrV2Flyweight addrV2 = new AddrV2Flyweight();
    private boolean versionReceived;
    private boolean verackReceived;
    private long nowNs;

    PeerMessageAdapter(
        final PeerConnection peer,
        final DirectBuffer buffer,
        final BlockRequestServer requests,
        final HeldBackBlocks heldBack,
        final long localNonce,
        final X11 x11,
        final LearnedAddresses addresses)
    {
        this.addresses = addresses;
        this.peer = peer;
        this.buffer = buffer;
        this.requests = requests;
        this.heldBack = heldBack;
        this.localNonce = localNonce;
        this.x11 = x11;
    }

    /**
     * A new connection: the handshake starts over.
     */
    void reset()
    {
        versionReceived = false;
        verackReceived = false;
    }

    /**
     * @param nowNs stamp for the frames of the read that follows.
     */
    void nowNs(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    @Override
    public boolean onFrame(final Command command, final int offset, final int length)
    {
        peer.metrics.onMessage(command);
        switch (command)
        {
            case VERSION:
                onVersion(offset, length);
                break;
            case VERACK:
                verackReceived = true;
                completeHandshake();
                break;
            case PING:
                peer.sendPong(nonce.wrap(buffer, offset, length).nonce(), nowNs);
                break;
            case PONG:
                peer.onPong(nonce.wrap(buffer, offset, length).nonce(), nowNs);
                break;
            case HEADERS:
                onHeaders(offset, length);
                break;
            case GETHEADERS:
                onGetHeaders(offset, length);
                break;
            case INV:
                onInv(offset, length);
                break;
            case GETDATA:
                onGetData(offset, length);
                break;
            case SENDCMPCT:
                onSendCmpct(offset, length);
                break;
            case GETBLOCKTXN:
                requests.serveBlockTxn(peer, getBlockTxn.wrap(buffer, offset, length), nowNs);
                break;
            case ADDR:
                onAddr(offset, length);
                break;
            case ADDRV2:
                onAddrV2(offset, length);
                break;
            default:
                // Counted above; nothing else a block pusher needs (sporks, dsq, governance, addr...).
                break;
        }
        return peer.isConnected();
    }

    private void completeHandshake()
    {
        if (versionReceived && verackReceived && peer.state() == PeerState.HANDSHAKING)
        {
            peer.onReady(nowNs);
        }
    }

    private void onVersion(final int offset, final int length)
    {
        if (versionReceived)
        {
            return;
        }
        version.wrap(buffer, offset, length);
        final PeerMetrics metrics = peer.metrics;
        metrics.remoteVersion = version.protocolVersion();
        metrics.remoteServices = version.services();
        metrics.remoteUserAgent = version.userAgent();
        metrics.remoteStartHeight = version.startHeight();
        if (version.protocolVersion() < Network.MIN_PEER_PROTO_VERSION)
        {
            peer.fail(FailureReason.VERSION_TOO_OLD, nowNs);
            return;
        }
        if (version.nonce() == localNonce)
        {
            peer.fail(FailureReason.SELF_CONNECTION, nowNs);
            return;
        }
        versionReceived = true;
        // BIP155: sendaddrv2 goes after version and before our verack (after it, Dash Core disconnects).
        peer.sendVerack(version.protocolVersion() >= Network.ADDRV2_VERSION, nowNs);
        completeHandshake();
    }

    /**
     * At most {@value AddrFlyweight#MAX_ADDR_TO_SEND} entries (the flyweight refuses more, as Dash
     * Core does); each copied raw to the control side.
     */
    private void onAddr(final int offset, final int length)
    {
        addr.wrap(buffer, offset, length);
        for (int i = 0; i < addr.count(); i++)
        {
            addresses.offerIp16(buffer, addr.ipOffset(i), addr.port(i), addr.services(i), addr.time(i));
        }
    }

    private void onAddrV2(final int offset, final int length)
    {
        addrV2.wrap(buffer, offset, length);
        for (int i = 0; i < addrV2.count(); i++)
        {
            addresses.offer(addrV2.networkId(i), buffer, addrV2.addressOffset(i), addrV2.addressLength(i),
                addrV2.port(i), addrV2.services(i), addrV2.time(i));
        }
    }

    private void onSendCmpct(final int offset, final int length)
    {
        sendCmpct.wrap(buffer, offset, length);
        // Dash Core ignores any version but 1, and so do we.
        if (sendCmpct.version() == 1)
        {
            peer.onCompactAnnounced(sendCmpct.announce());
        }
    }

    private void onHeaders(final int offset, final int length)
    {
        headers.wrap(buffer, offset, length);
        final int count = headers.count();
        final PeerChainState chain = peer.chain;
        for (int i = 0; i < count; i++)
        {
            // The peer has the parent of every header it announces.
            chain.add(buffer, headers.headerOffset(i) + BlockView.PREV_HASH_OFFSET);
        }
        if (count > 0)
        {
            x11.hash(buffer, headers.headerOffset(count - 1), BlockView.HEADER_LENGTH, scratchHash, 0);
            chain.add(scratchHash);
            chain.onTipLearned();
            if (count <= MAX_ANNOUNCEMENT_HEADERS)
            {
                // An announcement (not a sync reply): each header's hash is the next one's parent.
                for (int i = 1; i < count; i++)
                {
                    peer.onBlockAnnounced(buffer, headers.headerOffset(i) + BlockView.PREV_HASH_OFFSET, nowNs);
                }
                peer.onBlockAnnounced(scratchHashView, 0, nowNs);
            }
            heldBack.onChainGained(peer, nowNs);
        }
    }

    /**
     * Dash Core answers headers that do not connect with a {@code getheaders} whose locator starts at
     * its best header: the one way a fresh peer that has announced nothing tells us its chain, so
     * blocks held back for want of a parent (the first blocks of a shuffled burst are orphans to it)
     * can go out once their ancestors connect. We serve no headers; the locator is all we read.
     */
    private void onGetHeaders(final int offset, final int length)
    {
        getHeaders.wrap(buffer, offset, length);
        final int count = Math.min(getHeaders.locatorCount(), LOCATOR_HASHES_LEARNED);
        if (count == 0)
        {
            return;
        }
        final PeerChainState chain = peer.chain;
        // Oldest first, so the tip is the newest entry of the chain's ring.
        for (int i = count - 1; i >= 0; i--)
        {
            chain.add(buffer, getHeaders.locatorHashOffset(i));
        }
        chain.onTipLearned();
        heldBack.onChainGained(peer, nowNs);
    }

    private void onInv(final int offset, final int length)
    {
        inventory.wrap(buffer, offset, length);
        boolean gained = false;
        for (int i = 0; i < inventory.count(); i++)
        {
            if (inventory.type(i) == InventoryFlyweight.MSG_BLOCK)
            {
                peer.chain.add(buffer, inventory.hashOffset(i));
                peer.chain.onTipLearned();
                peer.onBlockAnnounced(buffer, inventory.hashOffset(i), nowNs);
                gained = true;
            }
        }
        if (gained)
        {
            heldBack.onChainGained(peer, nowNs);
        }
    }

    private void onGetData(final int offset, final int length)
    {
        inventory.wrap(buffer, offset, length);
        for (int i = 0; i < inventory.count(); i++)
        {
            final int type = inventory.type(i);
            if (type == InventoryFlyweight.MSG_BLOCK || type == InventoryFlyweight.MSG_CMPCT_BLOCK)
            {
                peer.chain.onGetData(buffer, inventory.hashOffset(i));
                // Unknown blocks get no reply, as in Dash Core.
                requests.serveBlock(peer, buffer, inventory.hashOffset(i),
                    type == InventoryFlyweight.MSG_CMPCT_BLOCK ? FrameKind.COMPACT_BLOCK : FrameKind.FULL_BLOCK, nowNs);
            }
        }
    }
}
