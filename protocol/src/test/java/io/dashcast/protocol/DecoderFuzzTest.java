package io.dashcast.protocol;

import io.dashcast.protocol.message.AddrFlyweight;
import io.dashcast.protocol.message.AddrV2Flyweight;
import io.dashcast.protocol.message.BlockTxnFlyweight;
import io.dashcast.protocol.message.BoolFlyweight;
import io.dashcast.protocol.message.CmpctBlockFlyweight;
import io.dashcast.protocol.message.GetBlockTxnFlyweight;
import io.dashcast.protocol.message.FeeFilterFlyweight;
import io.dashcast.protocol.message.GetHeadersFlyweight;
import io.dashcast.protocol.message.HeadersFlyweight;
import io.dashcast.protocol.message.InventoryFlyweight;
import io.dashcast.protocol.message.MessageDecoder;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.RejectFlyweight;
import io.dashcast.protocol.message.SendCmpctFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Acceptance test 4: {@link FrameDecoder} and the payload decoders, fed well over 100,000 random
 * and mutated messages, only ever report {@link ProtocolException}. Every message sits in an
 * {@link UnsafeBuffer} over an array that ends exactly where the message ends, so a read past it
 * throws {@link IndexOutOfBoundsException} (Agrona's bounds checks are on). Every decoded message
 * then has all its fields read, so an accessor that trusts an unchecked length fails too.
 * <p>
 * The corpus holds valid frames of every command the protocol module knows; the mutations are bit
 * and byte flips, varint markers, truncation, insertions and deletions (with the header's length
 * and checksum fixed up half the time, so the payload decoders see them), length field changes,
 * random or swapped commands (a block parsed as addrv2 ...), and wholly random payloads.
 */
class DecoderFuzzTest
{
    private static final int MESSAGES = 120_000;
    private static final int COMPACT_MESSAGES = 40_000;
    private static final long SEED = 0xf0220L;
    private static final Command[] COMMANDS = Arrays.copyOf(Command.values(), Command.values().length - 1);

    private final Random random = new Random(SEED);
    private final Sha256d sha256d = new Sha256d();
    private final FrameDecoder frames = new FrameDecoder(Network.MAINNET);
    private final MessageDecoder decoder = new MessageDecoder();
    private final X11 x11 = new X11();
    private final byte[] scratch = new byte[64];
    private final Map<ProtocolError, Integer> errors = new EnumMap<>(ProtocolError.class);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldOnlyEverReportProtocolExceptions()
    {
        final List<byte[]> corpus = corpus();
        int decoded = 0;
        for (int i = 0; i < MESSAGES; i++)
        {
            final byte[] message = mutate(corpus.get(random.nextInt(corpus.size())));
            final int prefix = random.nextInt(8) == 0 ? 1 + random.nextInt(40) : 0;
            final byte[] array = new byte[prefix + message.length];
            System.arraycopy(message, 0, array, prefix, message.length);
            try
            {
                decoded += feed(new UnsafeBuffer(array), prefix, message.length) ? 1 : 0;
            }
            catch (final ProtocolException ex)
            {
                errors.merge(ex.error(), 1, Integer::sum);
            }
            catch (final Throwable ex)
            {
                fail("message " + i + " (seed " + SEED + ") threw " + ex + ": " + HexFormat.of().formatHex(message), ex);
            }
        }
        // The fuzz must reach the payload decoders, not stop at the header checks.
        assertTrue(decoded > MESSAGES / 10, "only " + decoded + " messages decoded: " + errors);
        for (final ProtocolError error : new ProtocolError[] { ProtocolError.WRONG_MAGIC,
            ProtocolError.MALFORMED_COMMAND, ProtocolError.OVERSIZED_LENGTH, ProtocolError.BAD_CHECKSUM,
            ProtocolError.TRUNCATED_PAYLOAD, ProtocolError.TRAILING_BYTES, ProtocolError.OVERSIZED_FIELD,
            ProtocolError.INVALID_FIELD })
        {
            assertTrue(errors.getOrDefault(error, 0) > 0, "never saw " + error + ": " + errors);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldOnlyEverReportProtocolExceptionsFromTheCompactBlockDecoders()
    {
        final List<byte[]> corpus = compactCorpus();
        int decoded = 0;
        for (int i = 0; i < COMPACT_MESSAGES; i++)
        {
            final byte[] message = mutate(corpus.get(random.nextInt(corpus.size())));
            try
            {
                decoded += feed(new UnsafeBuffer(message), 0, message.length) ? 1 : 0;
            }
            catch (final ProtocolException ex)
            {
                errors.merge(ex.error(), 1, Integer::sum);
            }
            catch (final Throwable ex)
            {
                fail("compact message " + i + " (seed " + SEED + ") threw " + ex + ": " +
                    HexFormat.of().formatHex(message), ex);
            }
        }
        assertTrue(decoded > COMPACT_MESSAGES / 10, "only " + decoded + " compact messages decoded: " + errors);
        for (final ProtocolError error : new ProtocolError[] { ProtocolError.TRUNCATED_PAYLOAD,
            ProtocolError.TRAILING_BYTES, ProtocolError.OVERSIZED_FIELD, ProtocolError.INVALID_FIELD })
        {
            assertTrue(errors.getOrDefault(error, 0) > 0, "never saw " + error + ": " + errors);
        }
    }

    @Test
    void shouldReportEachHeaderFaultAsItsOwnError()
    {
        final byte[] ping = frame(Command.PING, payload(b -> NonceFlyweight.encode(b, 0, 42L)));
        assertEquals(ping.length, frames.decode(new UnsafeBuffer(ping), 0, ping.length));

        assertError(ProtocolError.WRONG_MAGIC, with(ping, 0, (byte)0xfa));
        assertError(ProtocolError.MALFORMED_COMMAND, with(ping, 4 + 5, (byte)'x'));
        assertError(ProtocolError.MALFORMED_COMMAND, with(ping, 4, (byte)0x07));
        final byte[] huge = ping.clone();
        new UnsafeBuffer(huge).putInt(16, Network.MAX_PROTOCOL_MESSAGE_LENGTH + 1, LITTLE_ENDIAN);
        assertError(ProtocolError.OVERSIZED_LENGTH, huge);
        new UnsafeBuffer(huge).putInt(16, -1, LITTLE_ENDIAN);
        assertError(ProtocolError.OVERSIZED_LENGTH, huge);
        assertError(ProtocolError.BAD_CHECKSUM, with(ping, ping.length - 1, (byte)(ping[ping.length - 1] ^ 1)));
        assertEquals(0, frames.decode(new UnsafeBuffer(Arrays.copyOf(ping, 23)), 0, 23));
        assertEquals(-1, frames.frameLengthHint(new UnsafeBuffer(Arrays.copyOf(ping, 23)), 0, 23));
    }

    private void assertError(final ProtocolError expected, final byte[] frame)
    {
        try
        {
            frames.decode(new UnsafeBuffer(frame), 0, frame.length);
            fail("expected " + expected);
        }
        catch (final ProtocolException ex)
        {
            assertEquals(expected, ex.error());
        }
    }

    private static byte[] with(final byte[] frame, final int index, final byte value)
    {
        final byte[] copy = frame.clone();
        copy[index] = value;
        return copy;
    }

    /**
     * @return true when the frame and its payload were accepted.
     */
    private boolean feed(final UnsafeBuffer buffer, final int offset, final int available)
    {
        final int hint = frames.frameLengthHint(buffer, offset, available);
        final int length = frames.decode(buffer, offset, available);
        if (length == 0)
        {
            return false;
        }
        assertEquals(hint, length);
        touch(decoder.decodeFrame(frames, buffer, offset));
        return true;
    }

    /** Read every field of the message just decoded. */
    private void touch(final Command command)
    {
        long sink = 0;
        switch (command)
        {
            case VERSION:
            {
                final VersionFlyweight v = decoder.version();
                sink += v.protocolVersion() + v.services() + v.time() + v.addrYouServices() + v.addrYouPort() +
                    v.addrMeServices() + v.addrMePort() + v.nonce() + v.userAgent().length() + v.startHeight() +
                    (v.relay() ? 1 : 0) + (v.masternodeConnection() ? 1 : 0);
                v.getAddrYouIp(scratch);
                v.getAddrMeIp(scratch);
                v.getMnauthChallenge(scratch);
                break;
            }
            case PING:
            case PONG:
                sink += decoder.nonce().nonce();
                break;
            case INV:
            case GETDATA:
            case NOTFOUND:
            {
                final InventoryFlyweight inv = decoder.inventory();
                for (int i = 0; i < inv.count(); i++)
                {
                    sink += inv.type(i) + inv.buffer(i).getLong(inv.hashOffset(i) + 24);
                }
                break;
            }
            case GETHEADERS:
            {
                final GetHeadersFlyweight gh = decoder.getHeaders();
                for (int i = 0; i < gh.locatorCount(); i++)
                {
                    sink += gh.buffer().getLong(gh.locatorHashOffset(i) + 24);
                }
                sink += gh.protocolVersion() + gh.buffer().getLong(gh.stopHashOffset() + 24);
                break;
            }
            case HEADERS:
            {
                final HeadersFlyweight h = decoder.headers();
                for (int i = 0; i < h.count(); i++)
                {
                    sink += h.buffer().getLong(h.headerOffset(i) + 72);
                }
                break;
            }
            case SENDCMPCT:
            {
                final SendCmpctFlyweight s = decoder.sendCmpct();
                sink += s.version() + (s.announce() ? 1 : 0);
                break;
            }
            case ADDR:
            {
                final AddrFlyweight a = decoder.addr();
                for (int i = 0; i < a.count(); i++)
                {
                    sink += a.time(i) + a.services(i) + a.port(i);
                    a.getIp(i, scratch);
                }
                break;
            }
            case ADDRV2:
            {
                final AddrV2Flyweight a = decoder.addrV2();
                for (int i = 0; i < a.count(); i++)
                {
                    sink += a.time(i) + a.services(i) + a.networkId(i) + a.port(i);
                    if (a.addressLength(i) > 0)
                    {
                        sink += a.buffer().getByte(a.addressOffset(i) + a.addressLength(i) - 1);
                    }
                }
                break;
            }
            case FEEFILTER:
                sink += decoder.feeFilter().feeRate();
                break;
            case REJECT:
            {
                final RejectFlyweight r = decoder.reject();
                sink += r.code() + r.message().length() + r.reason().length();
                if (r.hasHash())
                {
                    sink += r.buffer().getLong(r.hashOffset() + 24);
                }
                break;
            }
            case SENDDSQ:
            case QSENDRECSIGS:
                sink += decoder.flag().value() ? 1 : 0;
                break;
            case BLOCK:
            {
                final BlockView block = decoder.block();
                sink += block.version() + block.time() + block.bits() + block.nonce();
                for (int i = 0; i < block.transactionCount(); i++)
                {
                    sink += block.transactionVersion(i) + block.transactionType(i);
                    sink += block.buffer().getByte(block.transactionOffset(i) + block.transactionLength(i) - 1);
                }
                block.hash(x11, scratch, 0);
                block.merkleRootMatches(sha256d, scratch);
                break;
            }
            case CMPCTBLOCK:
            {
                final CmpctBlockFlyweight c = decoder.cmpctBlock();
                sink += c.nonce() + c.transactionCount() + (c.indexesValid() ? 1 : 0);
                sink += c.buffer().getLong(c.headerOffset() + 72);
                for (int i = 0; i < c.shortIdCount(); i++)
                {
                    sink += c.shortId(i);
                }
                for (int i = 0; i < c.prefilledCount(); i++)
                {
                    sink += c.prefilledIndex(i) + c.buffer().getByte(c.prefilledOffset(i) + c.prefilledLength(i) - 1);
                }
                break;
            }
            case GETBLOCKTXN:
            {
                final GetBlockTxnFlyweight g = decoder.getBlockTxn();
                sink += g.buffer().getLong(g.hashOffset() + 24);
                for (int i = 0; i < g.count(); i++)
                {
                    sink += g.index(i);
                }
                break;
            }
            case BLOCKTXN:
            {
                final BlockTxnFlyweight t = decoder.blockTxn();
                sink += t.buffer().getLong(t.hashOffset() + 24);
                for (int i = 0; i < t.count(); i++)
                {
                    sink += t.buffer().getByte(t.transactionOffset(i) + t.transactionLength(i) - 1);
                }
                break;
            }
            default:
                break;
        }
        if (sink == 0x5eed)
        {
            errors.merge(ProtocolError.MERKLE_MISMATCH, 0, Integer::sum);
        }
    }

    private byte[] mutate(final byte[] original)
    {
        final byte[] frame = original.clone();
        final int header = MessageHeaderFlyweight.HEADER_LENGTH;
        final int payloadLength = frame.length - header;
        switch (random.nextInt(12))
        {
            case 0:
                return frame;
            case 1:
                flipBits(frame, 0, frame.length);
                return frame;
            case 2:
                if (payloadLength > 0)
                {
                    flipBits(frame, header, frame.length);
                }
                return refit(frame);
            case 3:
                if (payloadLength > 0)
                {
                    for (int n = 1 + random.nextInt(3); n > 0; n--)
                    {
                        final byte[] markers = { (byte)0xfd, (byte)0xfe, (byte)0xff, 0, (byte)0xfc };
                        frame[header + random.nextInt(payloadLength)] = markers[random.nextInt(markers.length)];
                    }
                }
                return refit(frame);
            case 4:
                return Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            case 5:
                return refit(Arrays.copyOf(frame, header + random.nextInt(payloadLength + 1)));
            case 6:
            {
                final byte[] longer = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(40));
                for (int i = frame.length; i < longer.length; i++)
                {
                    longer[i] = (byte)random.nextInt();
                }
                return random.nextBoolean() ? refit(longer) : longer;
            }
            case 7:
            {
                final UnsafeBuffer view = new UnsafeBuffer(frame);
                final int length = switch (random.nextInt(4))
                {
                    case 0 -> random.nextInt();
                    case 1 -> payloadLength + random.nextInt(9) - 4;
                    case 2 -> Network.MAX_PROTOCOL_MESSAGE_LENGTH + random.nextInt(3) - 1;
                    default -> random.nextInt(payloadLength + 1);
                };
                view.putInt(MessageHeaderFlyweight.LENGTH_OFFSET, length, LITTLE_ENDIAN);
                return frame;
            }
            case 8:
            {
                final UnsafeBuffer view = new UnsafeBuffer(frame);
                if (random.nextBoolean())
                {
                    COMMANDS[random.nextInt(COMMANDS.length)].write(view, MessageHeaderFlyweight.COMMAND_OFFSET);
                }
                else
                {
                    for (int i = 0; i < Command.LENGTH; i++)
                    {
                        frame[MessageHeaderFlyweight.COMMAND_OFFSET + i] =
                            random.nextInt(3) == 0 ? 0 : (byte)(0x20 + random.nextInt(0x60));
                    }
                }
                return frame;
            }
            case 9:
            {
                final byte[] payload = new byte[random.nextInt(4) == 0 ? random.nextInt(4_000) : random.nextInt(80)];
                random.nextBytes(payload);
                return frame(COMMANDS[random.nextInt(COMMANDS.length)], payload);
            }
            case 10:
            {
                if (payloadLength == 0)
                {
                    return frame;
                }
                final int at = header + random.nextInt(payloadLength);
                final int cut = 1 + random.nextInt(Math.min(16, frame.length - at));
                final byte[] shorter = new byte[frame.length - cut];
                System.arraycopy(frame, 0, shorter, 0, at);
                System.arraycopy(frame, at + cut, shorter, at, frame.length - at - cut);
                return refit(shorter);
            }
            default:
            {
                final int at = header + random.nextInt(payloadLength + 1);
                final int add = 1 + random.nextInt(16);
                final byte[] longer = new byte[frame.length + add];
                System.arraycopy(frame, 0, longer, 0, at);
                for (int i = 0; i < add; i++)
                {
                    longer[at + i] = (byte)random.nextInt();
                }
                System.arraycopy(frame, at, longer, at + add, frame.length - at);
                return refit(longer);
            }
        }
    }

    private void flipBits(final byte[] bytes, final int from, final int to)
    {
        for (int n = 1 + random.nextInt(8); n > 0; n--)
        {
            final int at = from + random.nextInt(to - from);
            bytes[at] ^= (byte)(1 << random.nextInt(8));
        }
    }

    /** Rewrite length and checksum for the payload as it now is, so the payload decoder sees it. */
    private byte[] refit(final byte[] frame)
    {
        final int payloadLength = frame.length - MessageHeaderFlyweight.HEADER_LENGTH;
        final UnsafeBuffer view = new UnsafeBuffer(frame);
        view.putInt(MessageHeaderFlyweight.LENGTH_OFFSET, payloadLength, LITTLE_ENDIAN);
        view.putInt(MessageHeaderFlyweight.CHECKSUM_OFFSET,
            sha256d.checksum(view, MessageHeaderFlyweight.HEADER_LENGTH, payloadLength), LITTLE_ENDIAN);
        return frame;
    }

    private byte[] frame(final Command command, final byte[] payload)
    {
        final byte[] frame = new byte[MessageHeaderFlyweight.HEADER_LENGTH + payload.length];
        final UnsafeBuffer view = new UnsafeBuffer(frame);
        view.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, payload);
        new MessageFramer(Network.MAINNET).frame(view, 0, command, payload.length);
        return frame;
    }

    private interface Encoder
    {
        int encode(ExpandableArrayBuffer buffer);
    }

    private static byte[] payload(final Encoder encoder)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        final int length = encoder.encode(buffer);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private List<byte[]> corpus()
    {
        final List<byte[]> corpus = new ArrayList<>();
        for (final Vectors.FrameVector vector : Vectors.frames())
        {
            if (vector.network() == Network.MAINNET)
            {
                corpus.add(vector.frame());
            }
        }
        for (final Vectors.BlockVector block : Vectors.blocks())
        {
            corpus.add(frame(Command.BLOCK, block.bytes()));
        }
        final RandomBlocks blocks = new RandomBlocks(random);
        for (int i = 0; i < 20; i++)
        {
            corpus.add(frame(Command.BLOCK, blocks.next(5)));
        }
        final byte[] hashes = new byte[32 * 120];
        random.nextBytes(hashes);
        final UnsafeBuffer hashBuffer = new UnsafeBuffer(hashes);
        for (int r = 0; r < 4; r++)
        {
            final int round = r;
            final int n = round * 3;
            corpus.add(frame(Command.VERSION, payload(b -> new VersionFlyweight().wrapForEncode(b, 0)
                .protocolVersion(Network.PROTOCOL_VERSION).nonce(random.nextLong()).userAgent("/dashcast:0.1/")
                .startHeight(random.nextInt()).relay(false).mnauthChallenge(Arrays.copyOf(hashes, 32))
                .masternodeConnection(false).encodedLength())));
            corpus.add(frame(Command.PONG, payload(b -> NonceFlyweight.encode(b, 0, random.nextLong()))));
            corpus.add(frame(Command.SENDCMPCT, payload(b -> SendCmpctFlyweight.encode(b, 0, true, 1))));
            for (final Command command : new Command[] { Command.INV, Command.GETDATA, Command.NOTFOUND })
            {
                corpus.add(frame(command, payload(b ->
                {
                    int length = InventoryFlyweight.encodeCount(b, 0, n);
                    for (int i = 0; i < n; i++)
                    {
                        length += InventoryFlyweight.encodeEntry(b, length, InventoryFlyweight.MSG_BLOCK, hashBuffer, i * 32);
                    }
                    return length;
                })));
            }
            corpus.add(frame(Command.GETHEADERS, payload(b ->
                GetHeadersFlyweight.encode(b, 0, Network.PROTOCOL_VERSION, hashBuffer, 0, n, new byte[32]))));
            corpus.add(frame(Command.HEADERS, payload(b ->
            {
                int length = HeadersFlyweight.encodeCount(b, 0, n);
                for (int i = 0; i < n; i++)
                {
                    length += HeadersFlyweight.encodeEntry(b, length, hashBuffer, i * 80);
                }
                return length;
            })));
            corpus.add(frame(Command.ADDR, payload(b ->
            {
                int length = AddrFlyweight.encodeCount(b, 0, n);
                for (int i = 0; i < n; i++)
                {
                    length += AddrFlyweight.encodeEntry(b, length, random.nextInt(), random.nextLong(),
                        Arrays.copyOfRange(hashes, i * 16, i * 16 + 16), 9999);
                }
                return length;
            })));
            corpus.add(frame(Command.ADDRV2, payload(b ->
            {
                int length = AddrV2Flyweight.encodeCount(b, 0, n + 1);
                for (int i = 0; i <= n; i++)
                {
                    final int network = 1 + random.nextInt(7);
                    final int required = AddrV2Flyweight.requiredAddressLength(network);
                    length += AddrV2Flyweight.encodeEntry(b, length, random.nextInt(), random.nextLong(), network,
                        hashBuffer, 0, required >= 0 ? required : random.nextInt(40), 9999);
                }
                return length;
            })));
            corpus.add(frame(Command.FEEFILTER, payload(b -> FeeFilterFlyweight.encode(b, 0, 1000))));
            corpus.add(frame(Command.REJECT, payload(b -> RejectFlyweight.encode(b, 0,
                "block".getBytes(StandardCharsets.US_ASCII), RejectFlyweight.REJECT_INVALID,
                "bad-txnmrklroot".getBytes(StandardCharsets.US_ASCII), round % 2 == 0 ? Arrays.copyOf(hashes, 32) : null))));
            corpus.add(frame(Command.SENDDSQ, payload(b -> BoolFlyweight.encode(b, 0, true))));
            corpus.add(frame(Command.QSENDRECSIGS, payload(b -> BoolFlyweight.encode(b, 0, false))));
        }
        for (final Command command : new Command[] { Command.VERACK, Command.SENDADDRV2, Command.GETADDR,
            Command.SENDHEADERS2, Command.GETSPORKS, Command.SENDHEADERS })
        {
            corpus.add(frame(command, new byte[0]));
        }
        corpus.addAll(compactCorpus().subList(0, 12));
        for (final Command command : new Command[] { Command.MNAUTH, Command.CLSIG, Command.ISDLOCK, Command.SPORK,
            Command.HEADERS2, Command.CMPCTBLOCK })
        {
            corpus.add(frame(command, Arrays.copyOf(hashes, 128 + random.nextInt(200))));
        }
        return corpus;
    }

    /**
     * Valid cmpctblock, getblocktxn and blocktxn frames built from the vector blocks and random
     * blocks, with extra prefilled transactions and index gaps so every field is exercised.
     */
    private List<byte[]> compactCorpus()
    {
        final List<byte[]> corpus = new ArrayList<>();
        final List<byte[]> blocks = new ArrayList<>();
        for (final Vectors.BlockVector block : Vectors.blocks())
        {
            blocks.add(block.bytes());
        }
        final RandomBlocks generator = new RandomBlocks(random);
        for (int i = 0; i < 8; i++)
        {
            blocks.add(generator.next(6));
        }
        final ShortIds ids = new ShortIds();
        final byte[] hash = new byte[32];
        random.nextBytes(hash);
        final UnsafeBuffer hashBuffer = new UnsafeBuffer(hash);
        for (final byte[] bytes : blocks)
        {
            final BlockView view = new BlockView().wrap(new UnsafeBuffer(bytes), 0, bytes.length);
            corpus.add(frame(Command.CMPCTBLOCK, payload(b ->
            {
                b.checkLimit(CmpctBlockFlyweight.encodedLength(view));
                return CmpctBlockFlyweight.encode(b, 0, view, random.nextLong(), ids);
            })));
            final int n = view.transactionCount();
            final int[] wanted = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                if (random.nextBoolean())
                {
                    wanted[count++] = i;
                }
            }
            final int requested = count;
            corpus.add(frame(Command.GETBLOCKTXN, payload(b ->
                GetBlockTxnFlyweight.encode(b, 0, hashBuffer, 0, wanted, requested))));
            corpus.add(frame(Command.BLOCKTXN, payload(b ->
            {
                int length = BlockTxnFlyweight.encodePrefix(b, 0, hashBuffer, 0, requested);
                for (int i = 0; i < requested; i++)
                {
                    b.putBytes(length, view.buffer(), view.transactionOffset(wanted[i]), view.transactionLength(wanted[i]));
                    length += view.transactionLength(wanted[i]);
                }
                return length;
            })));
            // Every transaction prefilled: index deltas of zero after the first.
            corpus.add(frame(Command.CMPCTBLOCK, payload(b ->
            {
                b.putBytes(0, view.buffer(), 0, BlockView.HEADER_LENGTH);
                b.putLong(BlockView.HEADER_LENGTH, random.nextLong(), LITTLE_ENDIAN);
                int length = CmpctBlockFlyweight.SHORT_IDS_COUNT_OFFSET;
                length += VarInt.write(b, length, 0);
                length += VarInt.write(b, length, n);
                for (int i = 0; i < n; i++)
                {
                    length += VarInt.write(b, length, 0);
                    b.putBytes(length, view.buffer(), view.transactionOffset(i), view.transactionLength(i));
                    length += view.transactionLength(i);
                }
                return length;
            })));
        }
        return corpus;
    }
}
