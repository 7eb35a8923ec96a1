package io.dashcast.bench.protocol;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.VarInt;
import io.dashcast.protocol.message.AddrFlyweight;
import io.dashcast.protocol.message.AddrV2Flyweight;
import io.dashcast.protocol.message.BoolFlyweight;
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
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Decoding (validating and reading) one message of each type with {@link MessageDecoder}, the
 * payload held in a direct buffer as a socket read leaves it; plus {@link FrameDecoder} on a
 * {@code ping} frame (header checks and checksum) and a walk of a 1 MiB block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Agrona 2.x reaches jdk.internal.misc.Unsafe; forked JVMs do not read the jar manifest's flags.
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED" })
public class DecodeBenchmark
{
    private static final byte[] GENESIS_BLOCK = HexFormat.of().parseHex(
        "010000000000000000000000000000000000000000000000000000000000000000000000c762a6567f3cc092f0684bb62b7e00a8" +
        "4890b990f07cc71a6bb58d64b98e02e0022ddb52f0ff0f1ec23fb9010101000000010000000000000000000000000000000000000000" +
        "000000000000000000000000ffffffff6204ffff001d01044c5957697265642030392f4a616e2f3230313420546865204772616e" +
        "64204578706572696d656e7420476f6573204c6976653a204f76657273746f636b2e636f6d204973204e6f7720416363657074" +
        "696e6720426974636f696e73ffffffff0100f2052a010000004341040184710fa689ad5023690c80f3a49c8f13f8d45b8c857fb" +
        "cbc8bc4a8e4d3eb4b10f4d4604fa08dce601aaf0f470216fe1b51850b4acf21b179c45070ac7b03a9ac00000000");

    private final MessageDecoder decoder = new MessageDecoder();
    private final FrameDecoder frames = new FrameDecoder(Network.MAINNET);
    private final Random random = new Random(7);
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(2 << 20);

    private UnsafeBuffer version;
    private UnsafeBuffer ping;
    private UnsafeBuffer pingFrame;
    private UnsafeBuffer inv;
    private UnsafeBuffer getdata;
    private UnsafeBuffer getheaders;
    private UnsafeBuffer headers1;
    private UnsafeBuffer headers2000;
    private UnsafeBuffer sendcmpct;
    private UnsafeBuffer addr;
    private UnsafeBuffer addrv2;
    private UnsafeBuffer feefilter;
    private UnsafeBuffer reject;
    private UnsafeBuffer senddsq;
    private UnsafeBuffer verack;
    private UnsafeBuffer genesisBlock;
    private UnsafeBuffer block1MiB;

    /**
     * Encode one message of each type into exactly sized direct buffers.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] hashes = new byte[2_000 * 80];
        random.nextBytes(hashes);
        final UnsafeBuffer hashBuffer = new UnsafeBuffer(hashes);

        version = direct(new VersionFlyweight().wrapForEncode(scratch, 0).protocolVersion(Network.PROTOCOL_VERSION)
            .services(0x1c05).time(1_700_000_000L).addrYouPort(9999).nonce(random.nextLong())
            .userAgent("/Dash Core:22.1.1/").startHeight(2_300_000).relay(true).mnauthChallenge(new byte[32])
            .masternodeConnection(false).encodedLength());
        ping = direct(NonceFlyweight.encode(scratch, 0, random.nextLong()));
        inv = direct(InventoryFlyweight.encodeSingle(scratch, 0, InventoryFlyweight.MSG_BLOCK, new byte[32]));
        int length = InventoryFlyweight.encodeCount(scratch, 0, 16);
        for (int i = 0; i < 16; i++)
        {
            length += InventoryFlyweight.encodeEntry(scratch, length, InventoryFlyweight.MSG_TX, hashBuffer, i * 32);
        }
        getdata = direct(length);
        getheaders = direct(GetHeadersFlyweight.encode(scratch, 0, Network.PROTOCOL_VERSION, hashBuffer, 0, 32,
            new byte[32]));
        headers1 = direct(HeadersFlyweight.encodeSingle(scratch, 0, hashBuffer, 0));
        length = HeadersFlyweight.encodeCount(scratch, 0, 2_000);
        for (int i = 0; i < 2_000; i++)
        {
            length += HeadersFlyweight.encodeEntry(scratch, length, hashBuffer, i * 80);
        }
        headers2000 = direct(length);
        sendcmpct = direct(SendCmpctFlyweight.encode(scratch, 0, false, 1));
        length = AddrFlyweight.encodeCount(scratch, 0, 10);
        for (int i = 0; i < 10; i++)
        {
            length += AddrFlyweight.encodeEntry(scratch, length, 1_700_000_000L, 0x1c05, new byte[16], 9999);
        }
        addr = direct(length);
        length = AddrV2Flyweight.encodeCount(scratch, 0, 10);
        for (int i = 0; i < 10; i++)
        {
            final int network = i % 2 == 0 ? AddrV2Flyweight.NET_IPV4 : AddrV2Flyweight.NET_TORV3;
            length += AddrV2Flyweight.encodeEntry(scratch, length, 1_700_000_000L, 0x1c05, network, hashBuffer, 0,
                AddrV2Flyweight.requiredAddressLength(network), 9999);
        }
        addrv2 = direct(length);
        feefilter = direct(FeeFilterFlyweight.encode(scratch, 0, 1_000));
        reject = direct(RejectFlyweight.encode(scratch, 0, "block".getBytes(StandardCharsets.US_ASCII), 0x10,
            "bad-txnmrklroot".getBytes(StandardCharsets.US_ASCII), new byte[32]));
        senddsq = direct(BoolFlyweight.encode(scratch, 0, true));
        verack = new UnsafeBuffer(ByteBuffer.allocateDirect(0));
        scratch.putBytes(0, GENESIS_BLOCK);
        genesisBlock = direct(GENESIS_BLOCK.length);
        block1MiB = direct(syntheticBlock(scratch, 1 << 20));

        NonceFlyweight.encode(scratch, MessageHeaderFlyweight.HEADER_LENGTH, 42L);
        pingFrame = direct(new MessageFramer(Network.MAINNET).frame(scratch, 0, Command.PING, NonceFlyweight.LENGTH));
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int version()
    {
        decoder.decode(Command.VERSION, version, 0, version.capacity());
        return decoder.version().protocolVersion() + decoder.version().startHeight();
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public long ping()
    {
        decoder.decode(Command.PING, ping, 0, ping.capacity());
        return decoder.nonce().nonce();
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public long pingFrame()
    {
        final int length = frames.decode(pingFrame, 0, pingFrame.capacity());
        decoder.decodeFrame(frames, pingFrame, 0);
        return decoder.nonce().nonce() + length;
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int inv()
    {
        decoder.decode(Command.INV, inv, 0, inv.capacity());
        return decoder.inventory().type(0) + decoder.inventory().hashOffset(0);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int getdata16()
    {
        decoder.decode(Command.GETDATA, getdata, 0, getdata.capacity());
        return decoder.inventory().count() + decoder.inventory().type(15);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int getheaders32()
    {
        decoder.decode(Command.GETHEADERS, getheaders, 0, getheaders.capacity());
        return decoder.getHeaders().locatorCount() + decoder.getHeaders().stopHashOffset();
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int headers1()
    {
        decoder.decode(Command.HEADERS, headers1, 0, headers1.capacity());
        return decoder.headers().headerOffset(0);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int headers2000()
    {
        decoder.decode(Command.HEADERS, headers2000, 0, headers2000.capacity());
        return decoder.headers().headerOffset(1_999);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public long sendcmpct()
    {
        decoder.decode(Command.SENDCMPCT, sendcmpct, 0, sendcmpct.capacity());
        return decoder.sendCmpct().version();
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public long addr10()
    {
        decoder.decode(Command.ADDR, addr, 0, addr.capacity());
        return decoder.addr().services(9) + decoder.addr().port(9);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public long addrv2x10()
    {
        decoder.decode(Command.ADDRV2, addrv2, 0, addrv2.capacity());
        return decoder.addrV2().services(9) + decoder.addrV2().port(9);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public long feefilter()
    {
        decoder.decode(Command.FEEFILTER, feefilter, 0, feefilter.capacity());
        return decoder.feeFilter().feeRate();
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int reject()
    {
        decoder.decode(Command.REJECT, reject, 0, reject.capacity());
        return decoder.reject().code() + decoder.reject().reasonLength();
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public boolean senddsq()
    {
        decoder.decode(Command.SENDDSQ, senddsq, 0, senddsq.capacity());
        return decoder.flag().value();
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public Command verack()
    {
        return decoder.decode(Command.VERACK, verack, 0, 0);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int blockGenesis()
    {
        decoder.decode(Command.BLOCK, genesisBlock, 0, genesisBlock.capacity());
        return decoder.block().transactionLength(0);
    }

    /**
     * @return a field of the decoded message (consumed by JMH).
     */
    @Benchmark
    public int block1MiB()
    {
        decoder.decode(Command.BLOCK, block1MiB, 0, block1MiB.capacity());
        final BlockView block = decoder.block();
        return block.transactionCount() + block.transactionLength(block.transactionCount() - 1);
    }

    private UnsafeBuffer direct(final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        buffer.putBytes(0, scratch, 0, length);
        return buffer;
    }

    /** A block of about {@code size} bytes of ordinary one-input, two-output transactions. */
    private int syntheticBlock(final MutableDirectBuffer out, final int size)
    {
        final int txLength = 4 + 1 + (32 + 4 + 1 + 107 + 4) + 1 + 2 * (8 + 1 + 25) + 4;
        final int count = (size - 83) / txLength;
        final byte[] noise = new byte[txLength];
        out.setMemory(0, 80, (byte)1);
        int position = 80 + VarInt.write(out, 80, count);
        for (int i = 0; i < count; i++)
        {
            random.nextBytes(noise);
            out.putBytes(position, noise);
            out.putInt(position, 2, LITTLE_ENDIAN);
            int p = position + 4;
            out.putByte(p, (byte)1);
            p += 1 + 36;
            out.putByte(p, (byte)107);
            p += 1 + 107 + 4;
            out.putByte(p, (byte)2);
            p += 1 + 8;
            out.putByte(p, (byte)25);
            p += 1 + 25 + 8;
            out.putByte(p, (byte)25);
            position += txLength;
        }
        return position;
    }
}
