package io.dashcast.engine;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.message.GetHeadersFlyweight;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.SendCmpctFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * Frames a peer's small control messages (version, verack, ping, pong, sendheaders, sendcmpct,
 * getheaders) into one reused direct buffer and queues each frame on the peer's
 * {@link OutboundQueue} between the block ranges. The buffer is reused from its start once the
 * queue has drained, so nothing is allocated per message.
 */
final class ControlFrameWriter
{
    static final int CAPACITY_BYTES = 64 * 1024;
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)0xff, (byte)0xff};

    private final ByteBuffer control = BufferUtil.allocateDirectAligned(CAPACITY_BYTES, 64);
    private final ByteBuffer view = control.duplicate();
    private final UnsafeBuffer buffer = new UnsafeBuffer(control);
    private final OutboundQueue outbound;
    private final MessageFramer framer;
    private final VersionFlyweight version = new VersionFlyweight();
    private final byte[] challenge = new byte[32];
    private final byte[] ip16 = new byte[16];
    private final byte[] noIp = new byte[16];
    private int tail;

    ControlFrameWriter(final OutboundQueue outbound, final MessageFramer framer)
    {
        this.outbound = outbound;
        this.framer = framer;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Everything queued was written (or dropped): the buffer is free again.
     */
    void reset()
    {
        tail = 0;
    }

    /**
     * @return offset of a frame with room for {@code payloadBytes}, or -1 when the buffer or the
     * queue is full.
     */
    int reserve(final int payloadBytes)
    {
        if (outbound.isEmpty())
        {
            tail = 0;
        }
        if (tail + HEADER_LENGTH + payloadBytes > CAPACITY_BYTES || outbound.isFull())
        {
            return -1;
        }
        return tail;
    }

    /**
     * Frame the payload encoded at {@code start + HEADER_LENGTH} and queue it.
     */
    void commit(final int start, final Command command, final int payloadBytes)
    {
        final int length = framer.frame(buffer, start, command, payloadBytes);
        queue(start, start + length);
    }

    /**
     * Queue bytes already framed in the buffer (a frame whose payload continues elsewhere).
     */
    void queue(final int start, final int end)
    {
        tail = end;
        outbound.add(view, start, end, -1, OutboundQueue.CONTROL);
    }

    boolean appendEmpty(final Command command)
    {
        final int start = reserve(0);
        if (start < 0)
        {
            return false;
        }
        commit(start, command, 0);
        return true;
    }

    boolean appendNonce(final Command command, final long nonce)
    {
        final int start = reserve(NonceFlyweight.LENGTH);
        if (start < 0)
        {
            return false;
        }
        NonceFlyweight.encode(buffer, start + HEADER_LENGTH, nonce);
        commit(start, command, NonceFlyweight.LENGTH);
        return true;
    }

    /**
     * Low-bandwidth compact blocks, version 1: the peer may then ask us with MSG_CMPCT_BLOCK.
     */
    boolean appendSendCmpct()
    {
        final int start = reserve(SendCmpctFlyweight.LENGTH);
        if (start < 0)
        {
            return false;
        }
        SendCmpctFlyweight.encode(buffer, start + HEADER_LENGTH, false, 1);
        commit(start, Command.SENDCMPCT, SendCmpctFlyweight.LENGTH);
        return true;
    }

    /**
     * {@code getheaders} with an empty locator and {@code blockHash} as hash-stop: answered with that
     * one header if (and only if) the peer has the block.
     */
    boolean appendGetHeaders(final byte[] blockHash)
    {
        final int start = reserve(4 + 1 + 32);
        if (start < 0)
        {
            return false;
        }
        final int length = GetHeadersFlyweight.encode(
            buffer, start + HEADER_LENGTH, Network.PROTOCOL_VERSION, buffer, 0, 0, blockHash);
        commit(start, Command.GETHEADERS, length);
        return true;
    }

    /**
     * Our {@code version}, as an inbound peer with services 0 and relay 0 (see {@link PeerConnection}).
     */
    void appendVersion(final InetSocketAddress address, final BroadcasterContext ctx)
    {
        final int start = reserve(400);
        ThreadLocalRandom.current().nextBytes(challenge);
        addressBytes(address, ip16);
        version.wrapForEncode(buffer, start + HEADER_LENGTH)
            .protocolVersion(Network.PROTOCOL_VERSION)
            .services(0)
            .time(ctx.epochClock().time() / 1000)
            .addrYouServices(0)
            .addrYouIp(ip16)
            .addrYouPort(address.getPort())
            .addrMeServices(0)
            .addrMeIp(noIp)
            .addrMePort(0)
            .nonce(ctx.localNonce())
            .userAgent(ctx.userAgent())
            .startHeight(ctx.startHeight())
            .relay(false)
            .mnauthChallenge(challenge)
            .masternodeConnection(false);
        commit(start, Command.VERSION, version.encodedLength());
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
}
