package io.dashcast.sim;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.message.BlockTxnFlyweight;
import io.dashcast.protocol.message.CmpctBlockFlyweight;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import io.dashcast.protocol.message.GetHeadersFlyweight;
import io.dashcast.protocol.message.HeadersFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.SendCmpctFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.dashcast.protocol.BlockView.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The node's side of the Dash P2P protocol, following {@code PeerManagerImpl::ProcessMessage} and
 * {@code SendMessages} of Dash Core v22.1.1 ({@code src/net_processing.cpp}) for an inbound peer:
 * handshake, ping/pong, headers and block announcements, getheaders/getdata service, block
 * acceptance, compact block reconstruction ({@code cmpctblock}, {@code getblocktxn},
 * {@code blocktxn}, after {@code src/blockencodings.cpp}) and misbehaviour scoring. Runs on the
 * node's thread only.
 */
final class SimNodeProtocol
{
    /** NODE_NETWORK and NODE_NETWORK_LIMITED: a peer that can serve blocks (CanServeBlocks). */
    private static final long SERVES_BLOCKS = 1L | 1L << 10;
    /** NODE_HEADERS_COMPRESSED: Dash Core then uses sendheaders2/getheaders2 with that peer. */
    private static final long HEADERS_COMPRESSED = 1L << 11;
    private static final int MAX_BLOCKS_TO_ANNOUNCE = 8;
    private static final int MAX_UNCONNECTING_HEADERS = 10;
    private static final int MAX_BLOCKS_IN_TRANSIT_PER_PEER = 16;
    private static final int MIN_BLOCKS_TO_KEEP = 288;
    private static final long MAX_FUTURE_BLOCK_TIME_SECONDS = 2 * 60 * 60;
    private static final long GETHEADERS_RESEND_NS = 2L * 60 * 1_000_000_000L;
    private static final int FRAME_HEADER = MessageHeaderFlyweight.HEADER_LENGTH;

    private final SimulatedDashNode.Context context;
    private final SimChain chain;
    private final SimNodeLoop loop;
    private final BlockValidator validator;
    private final MessageFramer framer;
    private final MessageFramer wrongFramer;
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(64 * 1024);
    private final UnsafeBuffer frameView = new UnsafeBuffer(new byte[0]);
    private final VersionFlyweight version = new VersionFlyweight();
    private final GetHeadersFlyweight getHeaders = new GetHeadersFlyweight();
    private final HeadersFlyweight headers = new HeadersFlyweight();
    private final InventoryFlyweight inventory = new InventoryFlyweight();
    private final SendCmpctFlyweight sendCmpct = new SendCmpctFlyweight();
    private final SplittableRandom random = new SplittableRandom();
    private final Set<Long> sentNonces = new HashSet<>();
    private final Map<HashKey, SimConnection> blocksInFlight = new HashMap<>();
    private final Map<HashKey, PartialBlock> partialBlocks = new HashMap<>();
    private final SimMempool mempool = new SimMempool();
    private final CmpctBlockFlyweight cmpctBlock = new CmpctBlockFlyweight();
    private final BlockTxnFlyweight blockTxn = new BlockTxnFlyweight();
    private final ExpandableArrayBuffer rebuilt = new ExpandableArrayBuffer(64 * 1024);
    private final int[] rebuiltLength = new int[1];
    private final Sha256d sha256d = new Sha256d();
    private final byte[] hash = new byte[32];

    SimNodeProtocol(final SimulatedDashNode.Context context, final SimChain chain, final SimNodeLoop loop)
    {
        this.context = context;
        this.chain = chain;
        this.loop = loop;
        this.validator = new BlockValidator(context.checkProofOfWork(), context.maxBlockSizeBytes());
        this.framer = new MessageFramer(context.network());
        final Network other = context.network() == Network.MAINNET ? Network.TESTNET : Network.MAINNET;
        this.wrongFramer = new MessageFramer(other.magic(), Network.MAX_PROTOCOL_MESSAGE_LENGTH);
        if (context.versionNonce() != 0)
        {
            sentNonces.add(context.versionNonce());
        }
    }

    // ------------------------------------------------------------------ inbound

    void onFrame(
        final SimConnection c,
        final Command command,
        final MessageHeaderFlyweight header,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long arrivalNs)
    {
        c.countMessage(command == Command.UNKNOWN ? header.commandName() : command.wireName());
        try
        {
            dispatch(c, command, buffer, offset, length, arrivalNs);
        }
        catch (final ProtocolException ex)
        {
            // Dash Core catches deserialization errors in ProcessMessages and drops the message.
            c.countMalformed();
        }
    }

    void onDroppedFrame(
        final SimConnection c,
        final ProtocolError error,
        final DirectBuffer buffer,
        final int frameOffset,
        final int frameLength,
        final long arrivalNs)
    {
        if (error == ProtocolError.BAD_CHECKSUM)
        {
            c.countBadChecksum();
            if (Command.lookup(buffer, frameOffset + MessageHeaderFlyweight.COMMAND_OFFSET) == Command.BLOCK)
            {
                recordBlock(c, buffer, frameOffset + FRAME_HEADER, frameLength - FRAME_HEADER,
                    buffer.getInt(frameOffset + MessageHeaderFlyweight.CHECKSUM_OFFSET, LITTLE_ENDIAN), arrivalNs,
                    BlockVerdict.BAD_CHECKSUM, BlockArrival.Via.BLOCK);
            }
        }
        else
        {
            c.countDropped();
        }
    }

    private void dispatch(
        final SimConnection c, final Command command, final DirectBuffer buffer, final int offset, final int length,
        final long arrivalNs)
    {
        if (command == Command.VERSION)
        {
            onVersion(c, buffer, offset, length, arrivalNs);
            return;
        }
        if (c.state() == SimConnection.AWAITING_VERSION)
        {
            c.countDropped();
            if (command == Command.BLOCK)
            {
                recordUnprocessedBlock(c, buffer, offset, length, arrivalNs);
            }
            return;
        }
        switch (command)
        {
            case VERACK:
                onVerack(c, arrivalNs);
                return;
            case SENDHEADERS:
                c.prefersHeaders(true);
                return;
            case SENDHEADERS2:
                c.prefersHeadersCompressed(true);
                return;
            case SENDCMPCT:
                sendCmpct.wrap(buffer, offset, length);
                if (sendCmpct.version() == 1)
                {
                    c.providesCompactBlocks(true);
                }
                return;
            case SENDADDRV2:
                onSendAddrV2(c);
                return;
            default:
                break;
        }
        if (c.state() != SimConnection.READY)
        {
            c.countDropped();
            if (command == Command.BLOCK)
            {
                recordUnprocessedBlock(c, buffer, offset, length, arrivalNs);
            }
            return;
        }
        onReadyMessage(c, command, buffer, offset, length, arrivalNs);
    }

    private void onReadyMessage(
        final SimConnection c, final Command command, final DirectBuffer buffer, final int offset, final int length,
        final long arrivalNs)
    {
        switch (command)
        {
            case PING:
                onPing(c, buffer, offset, length, arrivalNs);
                break;
            case PONG:
                onPong(c, buffer, offset, length, arrivalNs);
                break;
            case GETHEADERS:
                onGetHeaders(c, buffer, offset, length, arrivalNs);
                break;
            case HEADERS:
                onHeaders(c, buffer, offset, length, arrivalNs);
                break;
            case INV:
                onInv(c, buffer, offset, length, arrivalNs);
                break;
            case GETDATA:
                onGetData(c, buffer, offset, length, arrivalNs);
                break;
            case BLOCK:
                onBlock(c, buffer, offset, length, arrivalNs);
                break;
            case CMPCTBLOCK:
                onCmpctBlock(c, buffer, offset, length, arrivalNs);
                break;
            case BLOCKTXN:
                onBlockTxn(c, buffer, offset, length, arrivalNs);
                break;
            case GETADDR:
                onGetAddr(c, arrivalNs);
                break;
            case UNKNOWN:
                c.countUnknownCommand();
                break;
            default:
                // Known but irrelevant to a block pusher (addr, feefilter, sporks, dsq...): ignored.
                break;
        }
    }

    private void onVersion(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (c.state() != SimConnection.AWAITING_VERSION)
        {
            return; // "redundant version message"
        }
        final SimMisbehaviour misbehaviour = context.misbehaviour();
        if (misbehaviour.closeDuringHandshake())
        {
            c.close(DisconnectReason.SCRIPTED_CLOSE_DURING_HANDSHAKE, "on version", false);
            return;
        }
        version.wrap(buffer, offset, length);
        final int clientVersion = version.protocolVersion();
        if (clientVersion < Network.MIN_PEER_PROTO_VERSION)
        {
            c.close(DisconnectReason.OBSOLETE_VERSION, "version " + clientVersion, false);
            return;
        }
        if (version.masternodeConnection())
        {
            c.close(DisconnectReason.MASTERNODE_CONNECTION, "not a masternode", false);
            return;
        }
        if (sentNonces.contains(version.nonce()))
        {
            c.close(DisconnectReason.SELF_CONNECTION, "nonce " + Long.toHexString(version.nonce()), false);
            return;
        }
        final String userAgent = version.userAgent();
        c.onClientVersion(clientVersion, version.services(), userAgent,
            version.hasStartHeight() ? version.startHeight() : -1, version.relay());
        if (misbehaviour.garbageBytes() > 0)
        {
            final byte[] garbage = new byte[misbehaviour.garbageBytes()];
            random.nextBytes(garbage);
            garbage[0] = (byte)~(context.network().magic() & 0xff);
            c.enqueue("<garbage>", garbage, 0, nowNs);
            return;
        }
        if (misbehaviour.oversizedLength())
        {
            final byte[] frame = new byte[FRAME_HEADER];
            MessageHeaderFlyweight.write(new UnsafeBuffer(frame), 0, context.network().magic(), Command.VERSION,
                Network.MAX_PROTOCOL_MESSAGE_LENGTH + 1, 0);
            c.enqueue("<oversized>", frame, 0, nowNs);
            return;
        }
        sendVersion(c, nowNs);
        final String devnet = context.devnetName();
        if (context.network() == Network.DEVNET && devnet != null && !userAgent.contains("devnet.devnet-" + devnet))
        {
            c.misbehaving(1, "wrong devnet");
            c.close(DisconnectReason.WRONG_DEVNET, userAgent, false);
            return;
        }
        c.commonVersion = Math.min(clientVersion, context.protocolVersion());
        c.state(SimConnection.VERSION_RECEIVED, nowNs);
        if (c.commonVersion >= Network.ADDRV2_VERSION)
        {
            sendEmpty(c, Command.SENDADDRV2, nowNs);
        }
        if (!misbehaviour.neverSendVerack())
        {
            sendEmpty(c, Command.VERACK, nowNs);
        }
    }

    private void onVerack(final SimConnection c, final long nowNs)
    {
        if (c.state() == SimConnection.READY)
        {
            return; // "ignoring redundant verack message"
        }
        c.state(SimConnection.READY, nowNs);
        sendEmpty(c, (c.clientServices() & HEADERS_COMPRESSED) != 0 ? Command.SENDHEADERS2 : Command.SENDHEADERS, nowNs);
        final int length = SendCmpctFlyweight.encode(payload, FRAME_HEADER, false, 1);
        send(c, Command.SENDCMPCT, length, 0, nowNs);
        payload.putByte(FRAME_HEADER, (byte)1);
        send(c, Command.SENDDSQ, 1, 0, nowNs);
        // SendMessages runs right after ProcessMessages: the first ping goes out at once
        // (m_ping_start is 0), then the masternode-sync tick asks for sporks.
        onTimer(c, nowNs);
        sendEmpty(c, Command.GETSPORKS, nowNs);
    }

    private void onSendAddrV2(final SimConnection c)
    {
        if (c.commonVersion < Network.ADDRV2_VERSION)
        {
            return;
        }
        if (c.state() == SimConnection.READY)
        {
            c.close(DisconnectReason.SENDADDRV2_AFTER_VERACK, "sendaddrv2 after verack", false);
            return;
        }
        c.wantsAddrV2(true);
    }

    private void onPing(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length < NonceFlyweight.LENGTH)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD, "ping");
        }
        final long nonce = buffer.getLong(offset, LITTLE_ENDIAN);
        NonceFlyweight.encode(payload, FRAME_HEADER, nonce);
        final long delayMs = context.misbehaviour().pongDelayMs();
        c.countPingAnswered();
        send(c, Command.PONG, NonceFlyweight.LENGTH, delayMs > 0 ? nowNs + delayMs * 1_000_000L : 0, nowNs);
        final HashKey deferred = c.takeDeferredFullBlockRequest();
        if (deferred != null)
        {
            sendFullBlockRequest(c, deferred, nowNs);
        }
    }

    private void onPong(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length < NonceFlyweight.LENGTH)
        {
            c.pingNonceSent = 0; // "Short payload": cancel this ping
            return;
        }
        final long nonce = buffer.getLong(offset, LITTLE_ENDIAN);
        if (c.pingNonceSent == 0)
        {
            return; // "Unsolicited pong without ping"
        }
        if (nonce == c.pingNonceSent)
        {
            c.lastPingRttNs(nowNs - c.pingStartNs);
            c.pingNonceSent = 0;
        }
        else if (nonce == 0)
        {
            c.pingNonceSent = 0;
        }
    }

    private void onGetHeaders(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        try
        {
            getHeaders.wrap(buffer, offset, length);
        }
        catch (final ProtocolException ex)
        {
            if (ex.error() == ProtocolError.OVERSIZED_FIELD)
            {
                c.close(DisconnectReason.LOCATOR_TOO_LARGE, ex.getMessage(), false);
                return;
            }
            throw ex;
        }
        final HashKey stop = HashKey.copyOf(bytes(buffer, getHeaders.stopHashOffset()), 0);
        SimChain.Entry from;
        if (getHeaders.locatorCount() == 0)
        {
            from = chain.lookup(stop);
            if (from == null || !chain.isActive(from))
            {
                return;
            }
        }
        else
        {
            final List<HashKey> locator = new ArrayList<>(getHeaders.locatorCount());
            for (int i = 0; i < getHeaders.locatorCount(); i++)
            {
                locator.add(HashKey.copyOf(bytes(buffer, getHeaders.locatorHashOffset(i)), 0));
            }
            from = chain.next(chain.findFork(locator));
        }
        final List<SimChain.Entry> toSend = new ArrayList<>();
        SimChain.Entry e = from;
        boolean stoppedEarly = false;
        while (e != null)
        {
            toSend.add(e);
            if (toSend.size() >= Network.MAX_HEADERS_RESULTS || e.key.equals(stop))
            {
                stoppedEarly = true;
                break;
            }
            e = chain.next(e);
        }
        c.bestHeaderSent = stoppedEarly ? e : chain.tip();
        sendHeaders(c, toSend, nowNs);
    }

    private void onHeaders(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        try
        {
            headers.wrap(buffer, offset, length);
        }
        catch (final ProtocolException ex)
        {
            if (ex.error() == ProtocolError.OVERSIZED_FIELD)
            {
                c.misbehaving(20, "headers message size");
                return;
            }
            throw ex;
        }
        final int count = headers.count();
        if (count == 0)
        {
            return;
        }
        final byte[][] hashes = new byte[count][];
        final byte[][] raw = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            raw[i] = new byte[HEADER_LENGTH];
            buffer.getBytes(headers.headerOffset(i), raw[i]);
            hashes[i] = TestBlocks.hash(raw[i]);
        }
        final SimChain.Entry first = chain.lookup(new HashKey(TestBlocks.prevHash(raw[0])));
        if (first == null)
        {
            if (count < Network.MAX_HEADERS_RESULTS)
            {
                c.unconnectingHeaders++;
                maybeSendGetHeaders(c, nowNs);
                updateBlockAvailability(c, new HashKey(hashes[count - 1]));
                if (c.unconnectingHeaders % MAX_UNCONNECTING_HEADERS == 0)
                {
                    c.misbehaving(20, c.unconnectingHeaders + " non-connecting headers");
                }
            }
            return;
        }
        for (int i = 1; i < count; i++)
        {
            if (!java.util.Arrays.equals(TestBlocks.prevHash(raw[i]), hashes[i - 1]))
            {
                c.misbehaving(20, "non-continuous headers sequence");
                return;
            }
        }
        SimChain.Entry last = null;
        for (int i = 0; i < count; i++)
        {
            final HashKey key = new HashKey(hashes[i]);
            SimChain.Entry entry = chain.lookup(key);
            if (entry == null)
            {
                final SimChain.Entry parent = i == 0 ? first : last;
                final BlockVerdict verdict = checkHeader(raw[i], hashes[i], parent);
                if (verdict != null)
                {
                    if (verdict.score() > 0)
                    {
                        c.misbehaving(verdict.score(), "invalid header received: " + verdict.rejectReason());
                    }
                    return;
                }
                entry = chain.addHeader(key, raw[i], parent);
            }
            last = entry;
        }
        c.unconnectingHeaders = 0;
        c.lastGetHeadersNs = 0;
        updateBlockAvailability(c, last.key);
        if (count == Network.MAX_HEADERS_RESULTS)
        {
            maybeSendGetHeaders(c, nowNs);
        }
        fetchBlocks(c, last, nowNs);
    }

    private void onInv(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (!wrapInventory(c, buffer, offset, length, "inv"))
        {
            return;
        }
        HashKey best = null;
        for (int i = 0; i < inventory.count(); i++)
        {
            if (inventory.type(i) == InventoryFlyweight.MSG_BLOCK)
            {
                final HashKey key = HashKey.copyOf(bytes(buffer, inventory.hashOffset(i)), 0);
                updateBlockAvailability(c, key);
                if (chain.lookup(key) == null && !blocksInFlight.containsKey(key))
                {
                    best = key;
                }
            }
        }
        if (best != null)
        {
            maybeSendGetHeaders(c, nowNs);
        }
    }

    private void onGetData(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (!wrapInventory(c, buffer, offset, length, "getdata"))
        {
            return;
        }
        final List<byte[]> notFound = new ArrayList<>();
        final List<Integer> notFoundTypes = new ArrayList<>();
        for (int i = 0; i < inventory.count(); i++)
        {
            final int type = inventory.type(i);
            final byte[] key = bytes(buffer, inventory.hashOffset(i));
            if (type == InventoryFlyweight.MSG_BLOCK || type == InventoryFlyweight.MSG_CMPCT_BLOCK ||
                type == InventoryFlyweight.MSG_FILTERED_BLOCK)
            {
                final SimChain.Entry entry = chain.lookup(new HashKey(key));
                if (entry != null && entry.hasData() && type != InventoryFlyweight.MSG_FILTERED_BLOCK)
                {
                    sendFrame(c, Command.BLOCK, entry.block, 0, nowNs);
                }
            }
            else
            {
                notFound.add(key);
                notFoundTypes.add(type);
            }
        }
        if (!notFound.isEmpty())
        {
            int position = FRAME_HEADER + InventoryFlyweight.encodeCount(payload, FRAME_HEADER, notFound.size());
            for (int i = 0; i < notFound.size(); i++)
            {
                position += InventoryFlyweight.encodeEntry(payload, position, notFoundTypes.get(i),
                    new UnsafeBuffer(notFound.get(i)), 0);
            }
            send(c, Command.NOTFOUND, position - FRAME_HEADER, 0, nowNs);
        }
    }

    private boolean wrapInventory(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final String what)
    {
        try
        {
            inventory.wrap(buffer, offset, length);
            return true;
        }
        catch (final ProtocolException ex)
        {
            if (ex.error() == ProtocolError.OVERSIZED_FIELD)
            {
                c.misbehaving(20, what + " message size");
                return false;
            }
            throw ex;
        }
    }

    private void onBlock(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long arrivalNs)
    {
        final BlockVerdict verdict = processBlock(c, buffer, offset, length, arrivalNs);
        final int checksum = buffer.getInt(offset - FRAME_HEADER + MessageHeaderFlyweight.CHECKSUM_OFFSET, LITTLE_ENDIAN);
        recordBlock(c, buffer, offset, length, checksum, arrivalNs, verdict, BlockArrival.Via.BLOCK);
        if (verdict.score() > 0)
        {
            c.misbehaving(verdict.score(), verdict.rejectReason() + " " + io.dashcast.protocol.Hashes.toDisplayHex(hash, 0));
        }
    }

    // ------------------------------------------------------------------ compact blocks

    /**
     * A {@code cmpctblock}, as ProcessMessage handles one: the header first (unknown parent: ask for
     * headers; invalid: score it), then, for a block that would extend the tip by at most two and
     * adds work, rebuild it from the prefilled transactions and the mempool; ask with
     * {@code getblocktxn} for the rest, or for the whole block on a short-id collision. An invalid
     * compact block scores 100.
     */
    private void onCmpctBlock(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long arrivalNs)
    {
        cmpctBlock.wrap(buffer, offset, length);
        final byte[] header = bytes(buffer, cmpctBlock.headerOffset(), HEADER_LENGTH);
        final HashKey key = new HashKey(TestBlocks.hash(header));
        SimChain.Entry entry = chain.lookup(key);
        if (entry == null)
        {
            final SimChain.Entry parent = chain.lookup(new HashKey(TestBlocks.prevHash(header)));
            if (parent == null)
            {
                maybeSendGetHeaders(c, arrivalNs);
                return;
            }
            final BlockVerdict verdict = checkHeader(header, key.bytes(), parent);
            if (verdict != null)
            {
                if (verdict.score() > 0)
                {
                    c.misbehaving(verdict.score(), "invalid header received: " + verdict.rejectReason());
                }
                return;
            }
            entry = chain.addHeader(key, header, parent);
        }
        updateBlockAvailability(c, key);
        final SimChain.Entry tip = chain.tip();
        final SimConnection inFlightFrom = blocksInFlight.get(key);
        if (entry.hasData() || entry.chainWork.compareTo(tip.chainWork) <= 0 ||
            (inFlightFrom != null && inFlightFrom != c) || entry.height > tip.height + 2)
        {
            return; // we know what this is, someone else is sending it, or it is not for direct fetch
        }
        final PartialBlock partial = new PartialBlock(key);
        final PartialBlock.Status status = partial.init(cmpctBlock, mempool, context.maxBlockSizeBytes());
        if (status == PartialBlock.Status.INVALID)
        {
            blocksInFlight.remove(key);
            c.misbehaving(100, "invalid compact block");
            return;
        }
        blocksInFlight.put(key, c);
        if (status == PartialBlock.Status.FAILED)
        {
            requestFullBlock(c, key, arrivalNs);
            return;
        }
        if (partial.missingCount() > 0)
        {
            partialBlocks.put(key, partial);
            final int[] missing = partial.missingIndexes();
            final int payloadLength = GetBlockTxnFlyweight.encode(payload, FRAME_HEADER, new UnsafeBuffer(key.bytes()), 0,
                missing, missing.length);
            send(c, Command.GETBLOCKTXN, payloadLength, 0, arrivalNs);
            return;
        }
        completeCompactBlock(c, partial, null, arrivalNs, BlockArrival.Via.CMPCTBLOCK);
    }

    /**
     * A {@code blocktxn} for the block we asked this peer for: fill the gaps and validate, or score
     * a mismatching answer 100, or fall back to the full block when the result fails its merkle
     * root (a possible short-id collision).
     */
    private void onBlockTxn(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long arrivalNs)
    {
        blockTxn.wrap(buffer, offset, length);
        final HashKey key = HashKey.copyOf(bytes(buffer, blockTxn.hashOffset()), 0);
        final PartialBlock partial = partialBlocks.get(key);
        if (partial == null || blocksInFlight.get(key) != c)
        {
            return; // "block transactions for block we weren't expecting"
        }
        partialBlocks.remove(key);
        completeCompactBlock(c, partial, blockTxn, arrivalNs, BlockArrival.Via.BLOCKTXN);
    }

    private void completeCompactBlock(
        final SimConnection c, final PartialBlock partial, final BlockTxnFlyweight received, final long arrivalNs,
        final BlockArrival.Via via)
    {
        final PartialBlock.Status status = partial.fill(received, rebuilt, rebuiltLength, validator);
        if (status == PartialBlock.Status.INVALID)
        {
            blocksInFlight.remove(partial.key);
            c.misbehaving(100, "invalid compact block/non-matching block transactions");
            return;
        }
        if (status == PartialBlock.Status.FAILED)
        {
            requestFullBlock(c, partial.key, arrivalNs);
            return;
        }
        final int length = rebuiltLength[0];
        final BlockVerdict verdict = processBlock(c, rebuilt, 0, length, arrivalNs);
        recordBlock(c, rebuilt, 0, length, sha256d.checksum(rebuilt, 0, length), arrivalNs, verdict, via);
        if (verdict.score() > 0)
        {
            c.misbehaving(verdict.score(), verdict.rejectReason() + " " + io.dashcast.protocol.Hashes.toDisplayHex(hash, 0));
        }
    }

    private void requestFullBlock(final SimConnection c, final HashKey key, final long nowNs)
    {
        c.countCompactFallback();
        if (context.fullBlockRequestAfterPong())
        {
            c.deferFullBlockRequest(key);
            return;
        }
        sendFullBlockRequest(c, key, nowNs);
    }

    private void sendFullBlockRequest(final SimConnection c, final HashKey key, final long nowNs)
    {
        final int length = InventoryFlyweight.encodeSingle(payload, FRAME_HEADER, InventoryFlyweight.MSG_BLOCK, key.bytes());
        send(c, Command.GETDATA, length, 0, nowNs);
    }

    /**
     * FinalizeNode: forget the blocks in flight from a closed connection and their partial blocks.
     */
    void onDisconnected(final SimConnection c)
    {
        blocksInFlight.entrySet().removeIf(e ->
        {
            if (e.getValue() == c)
            {
                partialBlocks.remove(e.getKey());
                return true;
            }
            return false;
        });
    }

    SimMempool mempool()
    {
        return mempool;
    }

    private void recordUnprocessedBlock(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final long arrivalNs)
    {
        java.util.Arrays.fill(hash, (byte)0);
        if (length >= HEADER_LENGTH)
        {
            validator.hash(buffer, offset, hash);
        }
        final int checksum = buffer.getInt(offset - FRAME_HEADER + MessageHeaderFlyweight.CHECKSUM_OFFSET, LITTLE_ENDIAN);
        recordBlock(c, buffer, offset, length, checksum, arrivalNs, BlockVerdict.IGNORED_BEFORE_HANDSHAKE,
            BlockArrival.Via.BLOCK);
    }

    private void recordBlock(
        final SimConnection c, final DirectBuffer buffer, final int offset, final int length, final int checksum,
        final long arrivalNs, final BlockVerdict verdict, final BlockArrival.Via via)
    {
        if (verdict == BlockVerdict.BAD_CHECKSUM)
        {
            java.util.Arrays.fill(hash, (byte)0);
            if (length >= HEADER_LENGTH)
            {
                validator.hash(buffer, offset, hash);
            }
        }
        byte[] copy = null;
        if (context.recordBlockBytes())
        {
            copy = new byte[length];
            buffer.getBytes(offset, copy);
        }
        final BlockArrival arrival = new BlockArrival(c.id(), hash.clone(), arrivalNs, length, checksum, verdict, copy, via);
        c.addBlock(arrival);
        loop.onBlockArrival(arrival);
    }

    // ------------------------------------------------------------------ blocks

    /**
     * ProcessNewBlock for a block from {@code source} (null: submitted locally, like submitblock,
     * which Dash Core processes as requested).
     */
    BlockVerdict processBlock(
        final SimConnection source, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        java.util.Arrays.fill(hash, (byte)0);
        final BlockVerdict invalid = validator.check(buffer, offset, length, hash);
        if (invalid != null)
        {
            return invalid;
        }
        final HashKey key = new HashKey(hash.clone());
        final boolean requested = blocksInFlight.remove(key) != null || source == null;
        SimChain.Entry entry = chain.lookup(key);
        if (entry == null)
        {
            final byte[] header = bytes(buffer, offset, HEADER_LENGTH);
            final SimChain.Entry parent = chain.lookup(new HashKey(TestBlocks.prevHash(header)));
            if (parent == null)
            {
                return BlockVerdict.ORPHAN;
            }
            final BlockVerdict headerVerdict = checkHeader(header, key.bytes(), parent);
            if (headerVerdict != null)
            {
                return headerVerdict;
            }
            entry = chain.addHeader(key, header, parent);
        }
        if (entry.hasData())
        {
            return BlockVerdict.DUPLICATE;
        }
        final SimChain.Entry tip = chain.tip();
        if (!requested && entry.chainWork.compareTo(tip.chainWork) < 0)
        {
            return BlockVerdict.IGNORED_LESS_WORK;
        }
        if (!requested && entry.height > tip.height + MIN_BLOCKS_TO_KEEP)
        {
            return BlockVerdict.IGNORED_TOO_FAR_AHEAD;
        }
        if (!validator.coinbaseStartsWith(TestBlocks.heightScript(entry.height)))
        {
            return BlockVerdict.BAD_COINBASE_HEIGHT;
        }
        mempool.removeConfirmed(validator.view());
        partialBlocks.remove(key);
        final List<SimChain.Entry> connected = chain.storeBlock(entry, bytes(buffer, offset, validator.blockLength()));
        if (connected.isEmpty())
        {
            return BlockVerdict.ACCEPTED_NOT_TIP;
        }
        announce(connected, nowNs);
        return BlockVerdict.ACCEPTED_NEW_TIP;
    }

    /**
     * Contextual header rules (ContextualCheckBlockHeader): null when the header is acceptable.
     */
    private BlockVerdict checkHeader(final byte[] header, final byte[] headerHash, final SimChain.Entry parent)
    {
        final long bits = TestBlocks.bits(header);
        if (context.checkProofOfWork())
        {
            if (!TestBlocks.meetsTarget(headerHash, bits) ||
                TestBlocks.target(bits).compareTo(TestBlocks.target(TestBlocks.REGTEST_BITS)) > 0)
            {
                return BlockVerdict.HIGH_HASH;
            }
            if (context.network() == Network.REGTEST && bits != parent.bits())
            {
                return BlockVerdict.BAD_DIFFBITS;
            }
        }
        final long time = TestBlocks.time(header);
        if (time <= SimChain.medianTimePast(parent))
        {
            return BlockVerdict.TIME_TOO_OLD;
        }
        if (time > System.currentTimeMillis() / 1000 + MAX_FUTURE_BLOCK_TIME_SECONDS)
        {
            return BlockVerdict.TIME_TOO_NEW;
        }
        return null;
    }

    /**
     * Direct fetch after a headers message: request up to 16 missing blocks leading to {@code last}
     * if it has at least the tip's work.
     */
    private void fetchBlocks(final SimConnection c, final SimChain.Entry last, final long nowNs)
    {
        if (last.chainWork.compareTo(chain.tip().chainWork) < 0)
        {
            return;
        }
        final List<SimChain.Entry> toFetch = new ArrayList<>();
        SimChain.Entry walk = last;
        while (walk != null && !chain.isActive(walk) && toFetch.size() <= MAX_BLOCKS_IN_TRANSIT_PER_PEER)
        {
            if (!walk.hasData() && !blocksInFlight.containsKey(walk.key))
            {
                toFetch.add(walk);
            }
            walk = walk.parent;
        }
        if (walk == null || !chain.isActive(walk) || toFetch.isEmpty())
        {
            return;
        }
        int count = 0;
        int position = FRAME_HEADER + 1;
        // One block to fetch, nothing else in flight, from a peer that announced compact blocks
        // version 1: ask for a compact block, as Dash Core does.
        final boolean compact = c.providesCompactBlocks() && toFetch.size() == 1 && blocksInFlight.isEmpty();
        for (int i = toFetch.size() - 1; i >= 0 && count < MAX_BLOCKS_IN_TRANSIT_PER_PEER; i--, count++)
        {
            final SimChain.Entry e = toFetch.get(i);
            blocksInFlight.put(e.key, c);
            position += InventoryFlyweight.encodeEntry(payload, position,
                compact ? InventoryFlyweight.MSG_CMPCT_BLOCK : InventoryFlyweight.MSG_BLOCK, new UnsafeBuffer(e.hash()), 0);
        }
        payload.putByte(FRAME_HEADER, (byte)count); // at most 16: a one-byte varint
        send(c, Command.GETDATA, position - FRAME_HEADER, 0, nowNs);
    }

    /**
     * Announce newly connected blocks to every ready peer, as SendMessages does: {@code headers} to a
     * peer that prefers them and is known to have the parent, else an {@code inv} of the tip unless
     * the peer is known to have it.
     */
    private void announce(final List<SimChain.Entry> connected, final long nowNs)
    {
        final List<SimChain.Entry> blocks = connected.size() > MAX_BLOCKS_TO_ANNOUNCE ?
            connected.subList(connected.size() - MAX_BLOCKS_TO_ANNOUNCE, connected.size()) : connected;
        for (final SimConnection c : loop.openConnections())
        {
            if (c.state() == SimConnection.READY)
            {
                announceTo(c, blocks, nowNs);
            }
        }
    }

    private void announceTo(final SimConnection c, final List<SimChain.Entry> blocks, final long nowNs)
    {
        processBlockAvailability(c);
        boolean revertToInv = !c.prefersHeaders();
        final List<SimChain.Entry> toSend = new ArrayList<>();
        if (!revertToInv)
        {
            boolean foundStart = false;
            for (final SimChain.Entry e : blocks)
            {
                if (foundStart)
                {
                    toSend.add(e);
                }
                else if (peerHasHeader(c, e))
                {
                    continue;
                }
                else if (e.parent == null || peerHasHeader(c, e.parent))
                {
                    foundStart = true;
                    toSend.add(e);
                }
                else
                {
                    revertToInv = true;
                    break;
                }
            }
        }
        if (!revertToInv && !toSend.isEmpty())
        {
            sendHeaders(c, toSend, nowNs);
            c.bestHeaderSent = toSend.get(toSend.size() - 1);
        }
        else if (revertToInv)
        {
            final SimChain.Entry tip = blocks.get(blocks.size() - 1);
            if (!peerHasHeader(c, tip))
            {
                final int length = InventoryFlyweight.encodeSingle(payload, FRAME_HEADER, InventoryFlyweight.MSG_BLOCK,
                    tip.hash());
                send(c, Command.INV, length, 0, nowNs);
            }
        }
    }

    private static boolean peerHasHeader(final SimConnection c, final SimChain.Entry e)
    {
        return (c.bestKnown != null && SimChain.ancestor(c.bestKnown, e.height) == e) ||
            (c.bestHeaderSent != null && SimChain.ancestor(c.bestHeaderSent, e.height) == e);
    }

    private void updateBlockAvailability(final SimConnection c, final HashKey key)
    {
        processBlockAvailability(c);
        final SimChain.Entry entry = chain.lookup(key);
        if (entry != null)
        {
            if (c.bestKnown == null || entry.chainWork.compareTo(c.bestKnown.chainWork) >= 0)
            {
                c.bestKnown = entry;
            }
        }
        else
        {
            c.lastUnknownBlock = key;
        }
    }

    private void processBlockAvailability(final SimConnection c)
    {
        if (c.lastUnknownBlock != null)
        {
            final SimChain.Entry entry = chain.lookup(c.lastUnknownBlock);
            if (entry != null)
            {
                if (c.bestKnown == null || entry.chainWork.compareTo(c.bestKnown.chainWork) >= 0)
                {
                    c.bestKnown = entry;
                }
                c.lastUnknownBlock = null;
            }
        }
    }

    // ------------------------------------------------------------------ timers

    /**
     * Handshake timeout, and MaybeSendPing: a ping when none is outstanding and the interval has
     * passed since the last one; a disconnect when one stays unanswered for the ping timeout.
     */
    void onTimer(final SimConnection c, final long nowNs)
    {
        if (c.state() != SimConnection.READY)
        {
            if (nowNs - c.connectedNs() > context.handshakeTimeoutNs())
            {
                c.close(DisconnectReason.HANDSHAKE_TIMEOUT, "version handshake timeout", false);
            }
            return;
        }
        if (c.pingNonceSent != 0)
        {
            if (nowNs - c.pingStartNs > context.pingTimeoutNs())
            {
                c.close(DisconnectReason.PING_TIMEOUT, "ping timeout", false);
            }
            return;
        }
        if (!c.pingEverSent || nowNs - c.pingStartNs > context.pingIntervalNs())
        {
            long nonce = 0;
            while (nonce == 0)
            {
                nonce = random.nextLong();
            }
            c.pingNonceSent = nonce;
            c.pingStartNs = nowNs;
            c.pingEverSent = true;
            NonceFlyweight.encode(payload, FRAME_HEADER, nonce);
            send(c, Command.PING, NonceFlyweight.LENGTH, 0, nowNs);
            maybeStartHeadersSync(c, nowNs);
        }
    }

    /**
     * SendMessages' initial headers sync, only for a peer advertising NODE_NETWORK or NODE_NETWORK_LIMITED
     * (dashcast advertises no services, so it never gets one).
     */
    private void maybeStartHeadersSync(final SimConnection c, final long nowNs)
    {
        if (!c.initialHeadersSyncSent && (c.clientServices() & SERVES_BLOCKS) != 0)
        {
            c.initialHeadersSyncSent = true;
            maybeSendGetHeaders(c, nowNs);
        }
    }

    // ------------------------------------------------------------------ outbound

    private void sendVersion(final SimConnection c, final long nowNs)
    {
        long nonce = context.versionNonce();
        while (nonce == 0)
        {
            nonce = random.nextLong();
        }
        sentNonces.add(nonce);
        final byte[] challenge = new byte[VersionFlyweight.CHALLENGE_LENGTH];
        random.nextBytes(challenge);
        final byte[] zeroIp = new byte[VersionFlyweight.IP_LENGTH];
        version.wrapForEncode(payload, FRAME_HEADER)
            .protocolVersion(context.protocolVersion())
            .services(context.services())
            .time(System.currentTimeMillis() / 1000)
            .addrYouServices(c.clientServices())
            .addrYouIp(zeroIp)
            .addrYouPort(0)
            .addrMeServices(context.services())
            .addrMeIp(zeroIp)
            .addrMePort(0)
            .nonce(nonce)
            .userAgent(context.userAgent())
            .startHeight(chain.height())
            .relay(true)
            .mnauthChallenge(challenge)
            .masternodeConnection(false);
        send(c, Command.VERSION, version.encodedLength(), 0, nowNs);
    }

    private void maybeSendGetHeaders(final SimConnection c, final long nowNs)
    {
        if (c.lastGetHeadersNs != 0 && nowNs - c.lastGetHeadersNs < GETHEADERS_RESEND_NS)
        {
            return;
        }
        c.lastGetHeadersNs = nowNs;
        final List<byte[]> locator = chain.locator();
        final UnsafeBuffer hashes = new UnsafeBuffer(new byte[locator.size() * 32]);
        for (int i = 0; i < locator.size(); i++)
        {
            hashes.putBytes(i * 32, locator.get(i));
        }
        final int length = GetHeadersFlyweight.encode(payload, FRAME_HEADER, context.protocolVersion(), hashes, 0,
            locator.size(), new byte[32]);
        send(c, Command.GETHEADERS, length, 0, nowNs);
    }

    private void sendHeaders(final SimConnection c, final List<SimChain.Entry> entries, final long nowNs)
    {
        int position = FRAME_HEADER + HeadersFlyweight.encodeCount(payload, FRAME_HEADER, entries.size());
        for (final SimChain.Entry e : entries)
        {
            position += HeadersFlyweight.encodeEntry(payload, position, new UnsafeBuffer(e.header), 0);
        }
        send(c, Command.HEADERS, position - FRAME_HEADER, 0, nowNs);
    }

    /**
     * The node's known addresses, in {@code addrv2} when the client asked for it (BIP155), else {@code addr}.
     */
    private void onGetAddr(final SimConnection c, final long nowNs)
    {
        final java.util.List<java.net.InetSocketAddress> known = context.addresses();
        if (known.isEmpty())
        {
            return;
        }
        final long time = System.currentTimeMillis() / 1000;
        int position = FRAME_HEADER;
        position += io.dashcast.protocol.message.AddrFlyweight.encodeCount(payload, position, known.size());
        for (final java.net.InetSocketAddress a : known)
        {
            final byte[] ip = a.getAddress().getAddress();
            if (c.wantsAddrV2())
            {
                position += io.dashcast.protocol.message.AddrV2Flyweight.encodeEntry(payload, position, time, 1,
                    ip.length == 4 ? io.dashcast.protocol.message.AddrV2Flyweight.NET_IPV4 :
                        io.dashcast.protocol.message.AddrV2Flyweight.NET_IPV6,
                    new org.agrona.concurrent.UnsafeBuffer(ip), 0, ip.length, a.getPort());
            }
            else
            {
                final byte[] ip16 = new byte[16];
                if (ip.length == 4)
                {
                    ip16[10] = (byte)0xff;
                    ip16[11] = (byte)0xff;
                    System.arraycopy(ip, 0, ip16, 12, 4);
                }
                else
                {
                    System.arraycopy(ip, 0, ip16, 0, 16);
                }
                position += io.dashcast.protocol.message.AddrFlyweight.encodeEntry(payload, position, time, 1, ip16,
                    a.getPort());
            }
        }
        send(c, c.wantsAddrV2() ? Command.ADDRV2 : Command.ADDR, position - FRAME_HEADER, 0, nowNs);
    }

    private void sendEmpty(final SimConnection c, final Command command, final long nowNs)
    {
        send(c, command, 0, 0, nowNs);
    }

    /**
     * Frame the payload encoded at {@code payload[24..]} and queue it.
     */
    private void send(final SimConnection c, final Command command, final int length, final long notBeforeNs,
        final long nowNs)
    {
        final byte[] frame = new byte[FRAME_HEADER + length];
        frameView.wrap(frame);
        frameView.putBytes(FRAME_HEADER, payload, FRAME_HEADER, length);
        framerFor().frame(frameView, 0, command, length);
        c.enqueue(command.wireName(), frame, notBeforeNs, nowNs);
    }

    private void sendFrame(final SimConnection c, final Command command, final byte[] body, final long notBeforeNs,
        final long nowNs)
    {
        final byte[] frame = new byte[FRAME_HEADER + body.length];
        System.arraycopy(body, 0, frame, FRAME_HEADER, body.length);
        frameView.wrap(frame);
        framerFor().frame(frameView, 0, command, body.length);
        c.enqueue(command.wireName(), frame, notBeforeNs, nowNs);
    }

    private MessageFramer framerFor()
    {
        return context.misbehaviour().wrongMagic() ? wrongFramer : framer;
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset)
    {
        return bytes(buffer, offset, 32);
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
