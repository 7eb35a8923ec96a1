package io.dashcast.fuzz;

import io.dashcast.protocol.Command;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.message.NonceFlyweight;
import io.dashcast.protocol.message.VersionFlyweight;
import io.dashcast.sim.TestBlocks;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the seed inputs under {@code src/test/resources/io/dashcast/fuzz/*Inputs/} (Jazzer's
 * layout: they are replayed in regression mode and start the corpus in fuzzing mode). Run by hand
 * from the module directory when a format changes; the output is committed.
 */
final class SeedCorpus
{
    private static final Path ROOT = Path.of("src/test/resources/io/dashcast/fuzz");
    private static final MessageFramer FRAMER = new MessageFramer(Network.MAINNET);

    private SeedCorpus()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final List<byte[]> chain = TestBlocks.chain(Network.REGTEST, 3);
        frames(chain);
        for (int i = 0; i < chain.size(); i++)
        {
            seed("BlockViewFuzzTest", "blockBytes", "block-" + i, chain.get(i));
        }
        seed("BlockViewFuzzTest", "blockBytes", "genesis", TestBlocks.genesis(Network.REGTEST));
        final byte[] json = Files.readAllBytes(Path.of("../conf/broadcast_peers.json"));
        final byte[] yaml = Files.readAllBytes(Path.of("../conf/broadcast_peers.yaml"));
        seed("ConfigFuzzTest", "configFile", "shipped-json", prefixed(0, json));
        seed("ConfigFuzzTest", "configFile", "demo-json", prefixed(0, Files.readAllBytes(Path.of("../conf/demo_peers.json"))));
        seed("ConfigFuzzTest", "configFile", "shipped-yaml", prefixed(1, yaml));
        rpc(chain.get(0));
        shm(chain.get(0));
    }

    private static byte[] prefixed(final int first, final byte[] rest)
    {
        final byte[] input = new byte[rest.length + 1];
        input[0] = (byte)first;
        System.arraycopy(rest, 0, input, 1, rest.length);
        return input;
    }

    private static void frames(final List<byte[]> chain) throws IOException
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(0);
        stream.write(64);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[512]);
        final VersionFlyweight version = new VersionFlyweight().wrapForEncode(payload, 0)
            .protocolVersion(Network.PROTOCOL_VERSION).services(0x1c05L).time(1_700_000_000L).nonce(42)
            .userAgent("/Dash Core:22.1.1/").startHeight(1).relay(true);
        final int versionLength = version.encodedLength();
        stream.writeBytes(frame(Command.VERSION, payload, versionLength));
        stream.writeBytes(frame(Command.VERACK, payload, 0));
        stream.writeBytes(frame(Command.SENDHEADERS, payload, 0));
        NonceFlyweight.encode(payload, 0, 7);
        stream.writeBytes(frame(Command.PING, payload, 8));
        final byte[] headers = headers(chain);
        stream.writeBytes(frame(Command.HEADERS, new UnsafeBuffer(headers), headers.length));
        seed("PeerFrameFuzzTest", "peerBytes", "handshake-stream", stream.toByteArray());

        framed(Command.VERSION, slice(payload, versionLength));
        framed(Command.PING, slice(new UnsafeBuffer(new byte[] {7, 0, 0, 0, 0, 0, 0, 0}), 8));
        framed(Command.HEADERS, headers);
        final byte[] inv = new byte[1 + 36];
        inv[0] = 1;
        inv[1] = 2;
        System.arraycopy(TestBlocks.hash(chain.get(0)), 0, inv, 5, 32);
        framed(Command.INV, inv);
        framed(Command.GETDATA, inv);
        framed(Command.BLOCK, chain.get(1));
        framed(Command.SENDCMPCT, new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0});
        framed(Command.FEEFILTER, new byte[] {(byte)0xe8, 3, 0, 0, 0, 0, 0, 0});
        final byte[] reject = ("\u0005block\u0010\u0007invalid" + "x".repeat(32)).getBytes(StandardCharsets.ISO_8859_1);
        framed(Command.REJECT, reject);
        final byte[] getHeaders = new byte[4 + 1 + 32 + 32];
        getHeaders[0] = 0x5b;
        getHeaders[4] = 1;
        framed(Command.GETHEADERS, getHeaders);
        final byte[] addr = new byte[1 + 30];
        addr[0] = 1;
        framed(Command.ADDR, addr);
        framed(Command.ADDRV2, new byte[] {1, 0, 0, 0, 0, 1, 1, 4, 127, 0, 0, 1, 0x27, 0x0f});
        framed(Command.SENDDSQ, new byte[] {1});
    }

    private static byte[] headers(final List<byte[]> chain)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(chain.size());
        for (final byte[] block : chain)
        {
            out.write(block, 0, 80);
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] slice(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] frame(final Command command, final UnsafeBuffer payload, final int length)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[MessageHeaderFlyweight.HEADER_LENGTH + length]);
        frame.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, payload, 0, length);
        FRAMER.frame(frame, 0, command, length);
        return frame.byteArray();
    }

    private static void framed(final Command command, final byte[] payload) throws IOException
    {
        final byte[] input = new byte[payload.length + 2];
        input[0] = 1;
        input[1] = (byte)command.ordinal();
        System.arraycopy(payload, 0, input, 2, payload.length);
        seed("PeerFrameFuzzTest", "peerBytes", "payload-" + command.wireName(), input);
    }

    private static void rpc(final byte[] block) throws IOException
    {
        final String hex = HexFormat.of().formatHex(block);
        body("submitblock", "{\"jsonrpc\":\"1.0\",\"id\":\"pool\",\"method\":\"submitblock\",\"params\":[\"" + hex + "\"]}");
        body("getblockcount", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":[]}");
        body("batch", "[{\"id\":1,\"method\":\"getblockcount\"},{\"id\":2,\"method\":\"help\",\"params\":[\"submitblock\"]}]");
        body("report", "{\"id\":3,\"method\":\"dashcast_submitblock\",\"params\":{\"hexdata\":\"00ff\"}}");
        body("unicode", "{\"id\":\"\\u00e9\",\"method\":\"submitblock\",\"params\":[\"zz\", \"dummy\"]}");
        seed("JsonRpcEndpointFuzzTest", "request", "raw-get",
            ("\0GET / HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        seed("JsonRpcEndpointFuzzTest", "request", "headers",
            ("\u0002Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void body(final String name, final String json) throws IOException
    {
        final byte[] text = json.getBytes(StandardCharsets.UTF_8);
        final byte[] input = new byte[text.length + 1];
        input[0] = 1;
        System.arraycopy(text, 0, input, 1, text.length);
        seed("JsonRpcEndpointFuzzTest", "request", name, input);
    }

    private static void shm(final byte[] block) throws IOException
    {
        final int recordLength = 8 + block.length;
        final int aligned = (recordLength + 7) & ~7;
        final ByteBuffer input = ByteBuffer.allocate(24 + aligned).order(ByteOrder.LITTLE_ENDIAN);
        input.putLong(aligned).putLong(0).putLong(0);
        input.putInt(recordLength).putInt(1).put(block);
        seed("ShmRecordFuzzTest", "records", "one-block", input.array());
        final ByteBuffer padded = ByteBuffer.allocate(24 + 16).order(ByteOrder.LITTLE_ENDIAN);
        padded.putLong(16).putLong(0).putLong(0);
        padded.putInt(16).putInt(-1).putLong(0);
        seed("ShmRecordFuzzTest", "records", "padding", padded.array());
    }

    private static void seed(final String testClass, final String method, final String name, final byte[] bytes)
        throws IOException
    {
        final Path dir = Files.createDirectories(ROOT.resolve(testClass + "Inputs").resolve(method));
        Files.write(dir.resolve(name), bytes);
    }
}
