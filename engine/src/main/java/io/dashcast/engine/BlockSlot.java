package io.dashcast.engine;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.ShortIds;
import io.dashcast.protocol.X11;
import io.dashcast.protocol.message.CmpctBlockFlyweight;
import io.dashcast.protocol.message.HeadersFlyweight;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static io.dashcast.protocol.MessageHeaderFlyweight.HEADER_LENGTH;

/**
 * One pre-allocated ring entry: the block copied in once and every frame built from it, in one
 * direct buffer that every peer is written from.
 * <pre>
 *  0                     blockFrameLength        compactFrameOffset
 *  +--------------------+-----------------------+--------------------------------------+
 *  | block frame        | headers frame         | cmpctblock frame                     |
 *  | 24 header + block  | 24 + 1 + 80 + 1       | 24 + header, nonce, short ids,       |
 *  |                    |                       | coinbase prefilled (at most          |
 *  |                    |                       | maxBlockBytes / 4 + 4 KiB)           |
 *  +--------------------+-----------------------+--------------------------------------+
 * </pre>
 * The block and headers frames are written before the slot is published; the compact frame (and
 * the slot's own {@link #view} of its block, used to answer {@code getblocktxn}) right after, by
 * the producer, off the send path: {@link #awaitCompact} waits for it. Its length is known before
 * publication, so the send policy can decide at once. Each slot fill draws a fresh nonce.
 */
final class BlockSlot
{
    static final int HEADERS_FRAME_LENGTH = HEADER_LENGTH + 1 + HeadersFlyweight.ENTRY_LENGTH;
    private static final int COMPACT_SLACK_BYTES = 4096;
    /**
     * Pauses (tens of nanoseconds each) before a loop waiting for the producer's compact frame or
     * hash yields its core. On 2 cores, two loops spinning there kept the producer off both until
     * the time slice ended: a 1 KiB block's submit call took 3.2-3.7 ms instead of 0.2 ms once the
     * loops were warm enough to reach the wait first (docs/bench-deployment-2026-12-07-warm-up.md).
     */
    private static final int SPINS_BEFORE_YIELD = 1000;

    final ByteBuffer byteBuffer;
    final UnsafeBuffer buffer;
    final BroadcastRecord record;
    final byte[] hash = new byte[32];
    final byte[] prevHash = new byte[32];
    final AtomicInteger pendingLoops = new AtomicInteger();
    int blockLength;
    int blockFrameLength;
    int headersFrameOffset;
    int compactFrameOffset;
    /** Bytes of the compact frame, or -1 when the block has none (disabled, too many transactions, too big). */
    int compactFrameLength;
    long compactNonce;
    /** The slot's own walk of its block: valid for readers once {@link #awaitCompact} returned. */
    final BlockView view = new BlockView();
    private final int compactCapacity;
    long submitNs;
    volatile CompletableFuture<BroadcastReceipt> future;
    /** Sequence whose {@link #hash} is written: X11 is computed after publication, off the send path. */
    private volatile long hashSequence = -1;
    /** Sequence whose compact frame and {@link #view} are written. */
    private volatile long compactSequence = -1;

    BlockSlot(final int maxBlockBytes, final AtomicReferenceArray<PeerEndpoint> peers)
    {
        compactCapacity = HEADER_LENGTH + maxBlockBytes / 4 + COMPACT_SLACK_BYTES;
        byteBuffer = BufferUtil.allocateDirectAligned(
            org.agrona.BitUtil.align(HEADER_LENGTH + maxBlockBytes + HEADERS_FRAME_LENGTH + compactCapacity, 64), 64);
        buffer = new UnsafeBuffer(byteBuffer);
        record = new BroadcastRecord(peers);
    }

    /**
     * Copy a validated block in and frame it: the single copy and the single checksum of a broadcast.
     *
     * @param checksum the block message's checksum when the gate's hashing already computed it
     *                 ({@link BlockGate#checksum}: then the copy is a plain copy), or
     *                 {@link HashHelper#NO_CHECKSUM} to hash during the copy.
     */
    void fill(
        final DirectBuffer block, final int offset, final int length, final BlockView view, final MessageFramer framer,
        final long sequence, final long nowNs, final int loopCount, final boolean compactBlocks, final long checksum)
    {
        blockLength = length;
        blockFrameLength = checksum == HashHelper.NO_CHECKSUM ?
            framer.copyAndFrame(block, offset, buffer, 0, Command.BLOCK, length) :
            framer.copyAndFrame(block, offset, buffer, 0, Command.BLOCK, length, (int)checksum);
        headersFrameOffset = blockFrameLength;
        HeadersFlyweight.encodeSingle(buffer, headersFrameOffset + HEADER_LENGTH, buffer, HEADER_LENGTH);
        framer.frame(buffer, headersFrameOffset, Command.HEADERS, 1 + HeadersFlyweight.ENTRY_LENGTH);
        compactFrameOffset = headersFrameOffset + HEADERS_FRAME_LENGTH;
        final int compactPayload = compactBlocks ? CmpctBlockFlyweight.encodedLength(view) : -1;
        compactFrameLength = compactPayload > 0 && HEADER_LENGTH + compactPayload <= compactCapacity ?
            HEADER_LENGTH + compactPayload : -1;
        view.prevHash(prevHash, 0);
        submitNs = nowNs;
        record.reset(sequence, length, nowNs);
        pendingLoops.set(loopCount);
    }

    /**
     * Walk the slot's block into {@link #view} and encode its compact frame (coinbase prefilled,
     * every other transaction by short id): run by the producer right after publication.
     *
     * @param txids the block's txids from the validation gate's merkle pass
     *              ({@link BlockView#knownTxids}), or null to hash the transactions here.
     */
    void publishCompact(
        final ShortIds ids, final MessageFramer framer, final long nonce, final long sequence, final byte[] txids)
    {
        view.wrap(buffer, HEADER_LENGTH, blockLength);
        compactNonce = nonce;
        if (compactFrameLength > 0)
        {
            CmpctBlockFlyweight.encode(buffer, compactFrameOffset + HEADER_LENGTH, view, nonce, ids, txids);
            framer.frame(buffer, compactFrameOffset, Command.CMPCTBLOCK, compactFrameLength - HEADER_LENGTH);
        }
        compactSequence = sequence;
    }

    /**
     * @return true when this slot's compact frame and view are written for {@code sequence}.
     */
    boolean compactReady(final long sequence)
    {
        return compactSequence == sequence;
    }

    /**
     * Wait for the producer to finish the compact frame: a hashing of the block's transactions, done
     * right after publication.
     */
    void awaitCompact(final long sequence)
    {
        for (int spins = 0; compactSequence != sequence; spins++)
        {
            SpinThenYield.idle(spins, SPINS_BEFORE_YIELD);
        }
    }

    /**
     * Set the block hash, computed by the producer after the slot was published so the first byte
     * goes out without waiting for X11 (tens of microseconds).
     */
    void publishHash(final X11 x11, final long sequence)
    {
        x11.hash(buffer, HEADER_LENGTH, BlockView.HEADER_LENGTH, hash, 0);
        System.arraycopy(hash, 0, record.blockHash, 0, 32);
        hashSequence = sequence;
    }

    /**
     * Set the block hash the validation gate already computed over the same header bytes (X11 of a
     * block's header is the one hash a submit needs twice: once for proof of work, once to match
     * what comes back).
     *
     * @param blockHash the 32 bytes of X11 of this slot's block header, internal byte order.
     */
    void publishHash(final byte[] blockHash, final long sequence)
    {
        System.arraycopy(blockHash, 0, hash, 0, 32);
        System.arraycopy(blockHash, 0, record.blockHash, 0, 32);
        hashSequence = sequence;
    }

    /**
     * Wait for the producer to finish the hash of this slot's block. Needed only by getdata
     * matching, acks and receipts, which come at least a round trip after the block went out, so
     * this rarely spins, and then only for the rest of one X11.
     */
    void awaitHash(final long sequence)
    {
        for (int spins = 0; hashSequence != sequence; spins++)
        {
            SpinThenYield.idle(spins, SPINS_BEFORE_YIELD);
        }
    }


    boolean hashEquals(final DirectBuffer other, final int otherOffset)
    {
        for (int i = 0; i < 32; i++)
        {
            if (hash[i] != other.getByte(otherOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
