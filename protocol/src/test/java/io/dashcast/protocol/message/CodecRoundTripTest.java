package io.dashcast.protocol.message;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.Command;
import io.dashcast.protocol.FrameDecoder;
import io.dashcast.protocol.MessageFramer;
import io.dashcast.protocol.MessageHeaderFlyweight;
import io.dashcast.protocol.Network;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.RandomBlocks;
import io.dashcast.protocol.VarInt;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance test 3: every codec round-trips. For thousands of seeded random field values each:
 * encode, copy into an exactly sized buffer, decode (through {@link MessageDecoder} too), check
 * every field, re-encode from the decoded fields, and compare the bytes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CodecRoundTripTest
{
    private static final int CASES = 3_000;

    private final Random random = new Random(0xc0dec);
    private final ExpandableArrayBuffer first = new ExpandableArrayBuffer(1 << 16);
    private final ExpandableArrayBuffer second = new ExpandableArrayBuffer(1 << 16);
    private final MessageDecoder decoder = new MessageDecoder();

    @Test
    void shouldRoundTripPingAndPong()
    {
        for (int i = 0; i < CASES; i++)
        {
            final long nonce = random.nextLong();
            final UnsafeBuffer payload = exact(first, NonceFlyweight.encode(first, 0, nonce));
            final Command command = random.nextBoolean() ? Command.PING : Command.PONG;
            assertEquals(nonce, decoded(command, payload).nonce().nonce());
            assertSameBytes(payload, NonceFlyweight.encode(second, 0, decoder.nonce().nonce()));
        }
    }

    @Test
    void shouldRoundTripSendCmpct()
    {
        for (int i = 0; i < CASES; i++)
        {
            final boolean announce = random.nextBoolean();
            final long version = random.nextInt(4) == 0 ? 1 : random.nextLong();
            final UnsafeBuffer payload = exact(first, SendCmpctFlyweight.encode(first, 0, announce, version));
            final SendCmpctFlyweight flyweight = decoded(Command.SENDCMPCT, payload).sendCmpct();
            assertEquals(announce, flyweight.announce());
            assertEquals(version, flyweight.version());
            assertSameBytes(payload, SendCmpctFlyweight.encode(second, 0, flyweight.announce(), flyweight.version()));
        }
    }

    @Test
    void shouldRoundTripInventory()
    {
        final Command[] commands = { Command.INV, Command.GETDATA, Command.NOTFOUND };
        for (int i = 0; i < CASES; i++)
        {
            final int count = i == 0 ? Network.MAX_INV_SIZE : smallOrUpTo(300);
            final int[] types = new int[count];
            final byte[] hashes = new byte[count * 32];
            random.nextBytes(hashes);
            final UnsafeBuffer hashBuffer = new UnsafeBuffer(hashes);
            int length = InventoryFlyweight.encodeCount(first, 0, count);
            for (int e = 0; e < count; e++)
            {
                types[e] = random.nextInt();
                length += InventoryFlyweight.encodeEntry(first, length, types[e], hashBuffer, e * 32);
            }
            final UnsafeBuffer payload = exact(first, length);
            final InventoryFlyweight flyweight = decoded(commands[i % 3], payload).inventory();
            assertEquals(count, flyweight.count());
            int out = InventoryFlyweight.encodeCount(second, 0, flyweight.count());
            for (int e = 0; e < count; e++)
            {
                assertEquals(types[e], flyweight.type(e));
                assertRange(hashes, e * 32, flyweight.buffer(e), flyweight.hashOffset(e), 32);
                out += InventoryFlyweight.encodeEntry(second, out, flyweight.type(e), flyweight.buffer(e),
                    flyweight.hashOffset(e));
            }
            assertSameBytes(payload, out);
        }
        final byte[] hash = new byte[32];
        random.nextBytes(hash);
        final UnsafeBuffer single = exact(first, InventoryFlyweight.encodeSingle(first, 0, InventoryFlyweight.MSG_BLOCK, hash));
        final InventoryFlyweight flyweight = decoded(Command.INV, single).inventory();
        assertEquals(1, flyweight.count());
        assertEquals(InventoryFlyweight.MSG_BLOCK, flyweight.type(0));
        assertRange(hash, 0, flyweight.buffer(0), flyweight.hashOffset(0), 32);
    }

    @Test
    void shouldRoundTripGetHeaders()
    {
        for (int i = 0; i < CASES; i++)
        {
            final int count = random.nextInt(GetHeadersFlyweight.MAX_LOCATOR_SIZE + 1);
            final byte[] hashes = new byte[count * 32];
            final byte[] stop = new byte[32];
            random.nextBytes(hashes);
            random.nextBytes(stop);
            final int version = random.nextInt();
            final UnsafeBuffer payload = exact(first,
                GetHeadersFlyweight.encode(first, 0, version, new UnsafeBuffer(hashes), 0, count, stop));
            final GetHeadersFlyweight flyweight = decoded(Command.GETHEADERS, payload).getHeaders();
            assertEquals(version, flyweight.protocolVersion());
            assertEquals(count, flyweight.locatorCount());
            for (int e = 0; e < count; e++)
            {
                assertRange(hashes, e * 32, flyweight.buffer(), flyweight.locatorHashOffset(e), 32);
            }
            assertRange(stop, 0, flyweight.buffer(), flyweight.stopHashOffset(), 32);
            final byte[] stopCopy = new byte[32];
            flyweight.buffer().getBytes(flyweight.stopHashOffset(), stopCopy);
            final int out = GetHeadersFlyweight.encode(second, 0, flyweight.protocolVersion(), flyweight.buffer(),
                count == 0 ? 0 : flyweight.locatorHashOffset(0), count, stopCopy);
            assertSameBytes(payload, out);
        }
    }

    @Test
    void shouldRoundTripHeaders()
    {
        for (int i = 0; i < CASES; i++)
        {
            final int count = i == 0 ? Network.MAX_HEADERS_RESULTS : smallOrUpTo(Network.MAX_HEADERS_RESULTS);
            final byte[] headers = new byte[count * 80];
            random.nextBytes(headers);
            final UnsafeBuffer source = new UnsafeBuffer(headers);
            int length;
            if (count == 1 && random.nextBoolean())
            {
                length = HeadersFlyweight.encodeSingle(first, 0, source, 0);
            }
            else
            {
                length = HeadersFlyweight.encodeCount(first, 0, count);
                for (int e = 0; e < count; e++)
                {
                    length += HeadersFlyweight.encodeEntry(first, length, source, e * 80);
                }
            }
            final UnsafeBuffer payload = exact(first, length);
            final HeadersFlyweight flyweight = decoded(Command.HEADERS, payload).headers();
            assertEquals(count, flyweight.count());
            int out = HeadersFlyweight.encodeCount(second, 0, flyweight.count());
            for (int e = 0; e < count; e++)
            {
                assertRange(headers, e * 80, flyweight.buffer(), flyweight.headerOffset(e), 80);
                out += HeadersFlyweight.encodeEntry(second, out, flyweight.buffer(), flyweight.headerOffset(e));
            }
            assertSameBytes(payload, out);
        }
    }

    @Test
    void shouldRoundTripVersionWithEveryOptionalTail()
    {
        final VersionFlyweight encoder = new VersionFlyweight();
        final VersionFlyweight reencoder = new VersionFlyweight();
        for (int i = 0; i < CASES; i++)
        {
            final byte[] ipYou = bytes(16);
            final byte[] ipMe = bytes(16);
            final byte[] challenge = bytes(32);
            final String userAgent = ascii(random.nextInt(8) == 0 ? VersionFlyweight.MAX_USER_AGENT_LENGTH : 40);
            final int tail = random.nextInt(5);
            encoder.wrapForEncode(first, 0)
                .protocolVersion(random.nextInt()).services(random.nextLong()).time(random.nextLong())
                .addrYouServices(random.nextLong()).addrYouIp(ipYou).addrYouPort(random.nextInt(65_536))
                .addrMeServices(random.nextLong()).addrMeIp(ipMe).addrMePort(random.nextInt(65_536))
                .nonce(random.nextLong()).userAgent(userAgent);
            writeVersionTail(encoder, tail, random.nextInt(), random.nextBoolean(), challenge, random.nextBoolean());

            final UnsafeBuffer payload = exact(first, encoder.encodedLength());
            final VersionFlyweight decodedVersion = decoded(Command.VERSION, payload).version();
            assertEquals(encoder.protocolVersion(), decodedVersion.protocolVersion());
            assertEquals(encoder.services(), decodedVersion.services());
            assertEquals(encoder.time(), decodedVersion.time());
            assertEquals(encoder.addrYouServices(), decodedVersion.addrYouServices());
            assertEquals(encoder.addrYouPort(), decodedVersion.addrYouPort());
            assertEquals(encoder.addrMeServices(), decodedVersion.addrMeServices());
            assertEquals(encoder.addrMePort(), decodedVersion.addrMePort());
            assertEquals(encoder.nonce(), decodedVersion.nonce());
            assertEquals(userAgent, decodedVersion.userAgent());
            assertEquals(tail >= 1, decodedVersion.hasStartHeight());
            assertEquals(tail >= 2, decodedVersion.hasRelay());
            assertEquals(tail >= 3, decodedVersion.hasMnauthChallenge());
            assertEquals(tail >= 4, decodedVersion.hasMasternodeConnection());
            final byte[] ip = new byte[16];
            decodedVersion.getAddrYouIp(ip);
            assertArrayEquals(ipYou, ip);
            decodedVersion.getAddrMeIp(ip);
            assertArrayEquals(ipMe, ip);
            final byte[] decodedChallenge = new byte[32];
            decodedVersion.getMnauthChallenge(decodedChallenge);
            assertArrayEquals(tail >= 3 ? challenge : new byte[32], decodedChallenge);

            reencoder.wrapForEncode(second, 0)
                .protocolVersion(decodedVersion.protocolVersion()).services(decodedVersion.services())
                .time(decodedVersion.time()).addrYouServices(decodedVersion.addrYouServices())
                .addrYouIp(ipYou).addrYouPort(decodedVersion.addrYouPort())
                .addrMeServices(decodedVersion.addrMeServices()).addrMeIp(ipMe).addrMePort(decodedVersion.addrMePort())
                .nonce(decodedVersion.nonce()).userAgent(decodedVersion.userAgent());
            writeVersionTail(reencoder, tail, decodedVersion.startHeight(), decodedVersion.relay(), decodedChallenge,
                decodedVersion.masternodeConnection());
            assertSameBytes(payload, reencoder.encodedLength());
        }
    }

    @Test
    void shouldRoundTripAddr()
    {
        for (int i = 0; i < CASES; i++)
        {
            final int count = i == 0 ? AddrFlyweight.MAX_ADDR_TO_SEND : smallOrUpTo(AddrFlyweight.MAX_ADDR_TO_SEND);
            final long[] times = new long[count];
            final long[] services = new long[count];
            final int[] ports = new int[count];
            final byte[][] ips = new byte[count][];
            int length = AddrFlyweight.encodeCount(first, 0, count);
            for (int e = 0; e < count; e++)
            {
                times[e] = random.nextInt() & 0xffff_ffffL;
                services[e] = random.nextLong();
                ports[e] = random.nextInt(65_536);
                ips[e] = bytes(16);
                length += AddrFlyweight.encodeEntry(first, length, times[e], services[e], ips[e], ports[e]);
            }
            final UnsafeBuffer payload = exact(first, length);
            final AddrFlyweight flyweight = decoded(Command.ADDR, payload).addr();
            assertEquals(count, flyweight.count());
            int out = AddrFlyweight.encodeCount(second, 0, count);
            final byte[] ip = new byte[16];
            for (int e = 0; e < count; e++)
            {
                assertEquals(times[e], flyweight.time(e));
                assertEquals(services[e], flyweight.services(e));
                assertEquals(ports[e], flyweight.port(e));
                flyweight.getIp(e, ip);
                assertArrayEquals(ips[e], ip);
                out += AddrFlyweight.encodeEntry(second, out, flyweight.time(e), flyweight.services(e), ip,
                    flyweight.port(e));
            }
            assertSameBytes(payload, out);
        }
    }

    @Test
    void shouldRoundTripAddrV2AcrossNetworks()
    {
        final byte[] address = bytes(AddrV2Flyweight.MAX_ADDRESS_LENGTH);
        final UnsafeBuffer addressBuffer = new UnsafeBuffer(address);
        for (int i = 0; i < CASES; i++)
        {
            final int count = i == 0 ? AddrFlyweight.MAX_ADDR_TO_SEND : smallOrUpTo(AddrFlyweight.MAX_ADDR_TO_SEND);
            final long[] times = new long[count];
            final long[] services = new long[count];
            final int[] networks = new int[count];
            final int[] lengths = new int[count];
            final int[] ports = new int[count];
            final int[] from = new int[count];
            int length = AddrV2Flyweight.encodeCount(first, 0, count);
            for (int e = 0; e < count; e++)
            {
                times[e] = random.nextInt() & 0xffff_ffffL;
                services[e] = randomServices();
                networks[e] = random.nextInt(4) == 0 ? random.nextInt(256) : 1 + random.nextInt(6);
                final int required = AddrV2Flyweight.requiredAddressLength(networks[e]);
                lengths[e] = required >= 0 ? required : random.nextInt(AddrV2Flyweight.MAX_ADDRESS_LENGTH + 1);
                from[e] = random.nextInt(AddrV2Flyweight.MAX_ADDRESS_LENGTH - lengths[e] + 1);
                ports[e] = random.nextInt(65_536);
                length += AddrV2Flyweight.encodeEntry(first, length, times[e], services[e], networks[e],
                    addressBuffer, from[e], lengths[e], ports[e]);
            }
            final UnsafeBuffer payload = exact(first, length);
            final AddrV2Flyweight flyweight = decoded(Command.ADDRV2, payload).addrV2();
            assertEquals(count, flyweight.count());
            int out = AddrV2Flyweight.encodeCount(second, 0, count);
            for (int e = 0; e < count; e++)
            {
                assertEquals(times[e], flyweight.time(e));
                assertEquals(services[e], flyweight.services(e));
                assertEquals(networks[e], flyweight.networkId(e));
                assertEquals(lengths[e], flyweight.addressLength(e));
                assertRange(address, from[e], flyweight.buffer(), flyweight.addressOffset(e), lengths[e]);
                assertEquals(ports[e], flyweight.port(e));
                out += AddrV2Flyweight.encodeEntry(second, out, flyweight.time(e), flyweight.services(e),
                    flyweight.networkId(e), flyweight.buffer(), flyweight.addressOffset(e), flyweight.addressLength(e),
                    flyweight.port(e));
            }
            assertSameBytes(payload, out);
        }
    }

    @Test
    void shouldRoundTripFeeFilterAndFlags()
    {
        for (int i = 0; i < CASES; i++)
        {
            final long feeRate = random.nextLong();
            final UnsafeBuffer fee = exact(first, FeeFilterFlyweight.encode(first, 0, feeRate));
            assertEquals(feeRate, decoded(Command.FEEFILTER, fee).feeFilter().feeRate());
            assertSameBytes(fee, FeeFilterFlyweight.encode(second, 0, decoder.feeFilter().feeRate()));

            final boolean value = random.nextBoolean();
            final UnsafeBuffer flag = exact(first, BoolFlyweight.encode(first, 0, value));
            final Command command = random.nextBoolean() ? Command.SENDDSQ : Command.QSENDRECSIGS;
            assertEquals(value, decoded(command, flag).flag().value());
            assertSameBytes(flag, BoolFlyweight.encode(second, 0, decoder.flag().value()));
        }
    }

    @Test
    void shouldRoundTripReject()
    {
        for (int i = 0; i < CASES; i++)
        {
            final byte[] message = ascii(RejectFlyweight.MAX_MESSAGE_LENGTH).getBytes(StandardCharsets.US_ASCII);
            final byte[] reason = ascii(RejectFlyweight.MAX_REASON_LENGTH).getBytes(StandardCharsets.US_ASCII);
            final int code = random.nextInt(256);
            final byte[] hash = random.nextBoolean() ? bytes(32) : null;
            final UnsafeBuffer payload = exact(first, RejectFlyweight.encode(first, 0, message, code, reason, hash));
            final RejectFlyweight flyweight = decoded(Command.REJECT, payload).reject();
            assertEquals(new String(message, StandardCharsets.US_ASCII), flyweight.message());
            assertEquals(new String(reason, StandardCharsets.US_ASCII), flyweight.reason());
            assertEquals(code, flyweight.code());
            assertEquals(hash != null, flyweight.hasHash());
            byte[] decodedHash = null;
            if (flyweight.hasHash())
            {
                decodedHash = new byte[32];
                flyweight.buffer().getBytes(flyweight.hashOffset(), decodedHash);
                assertArrayEquals(hash, decodedHash);
            }
            final byte[] decodedMessage = new byte[flyweight.messageLength()];
            flyweight.buffer().getBytes(flyweight.messageOffset(), decodedMessage);
            final byte[] decodedReason = new byte[flyweight.reasonLength()];
            flyweight.buffer().getBytes(flyweight.reasonOffset(), decodedReason);
            assertSameBytes(payload,
                RejectFlyweight.encode(second, 0, decodedMessage, flyweight.code(), decodedReason, decodedHash));
        }
    }

    @Test
    void shouldAcceptOnlyEmptyPayloadsForEmptyCommands()
    {
        final Command[] empty = { Command.VERACK, Command.SENDHEADERS, Command.SENDADDRV2, Command.GETADDR,
            Command.SENDHEADERS2, Command.GETSPORKS };
        for (final Command command : empty)
        {
            assertEquals(command, decoder.decode(command, new UnsafeBuffer(new byte[0]), 0, 0));
            final ProtocolException ex = assertThrows(ProtocolException.class,
                () -> decoder.decode(command, new UnsafeBuffer(new byte[1]), 0, 1));
            assertEquals(ProtocolError.TRAILING_BYTES, ex.error());
        }
    }

    @Test
    void shouldRoundTripRandomBlocksThroughTheDecoder()
    {
        final RandomBlocks blocks = new RandomBlocks(random);
        for (int i = 0; i < CASES; i++)
        {
            final byte[] block = blocks.next(8);
            final BlockView view = decoded(Command.BLOCK, new UnsafeBuffer(block)).block();
            int end = view.transactionOffset(0);
            for (int t = 0; t < view.transactionCount(); t++)
            {
                assertEquals(end, view.transactionOffset(t));
                end += view.transactionLength(t);
            }
            assertEquals(block.length, end);
            assertTrue(view.merkleRootMatches(new io.dashcast.protocol.Sha256d(), new byte[32]));
        }
    }

    @Test
    void shouldRoundTripVarIntsAndFrames()
    {
        final FrameDecoder frames = new FrameDecoder(Network.REGTEST);
        final MessageFramer framer = new MessageFramer(Network.REGTEST);
        final Command[] commands = Command.values();
        for (int i = 0; i < CASES; i++)
        {
            final long value = switch (random.nextInt(4))
            {
                case 0 -> random.nextInt(0xfd);
                case 1 -> random.nextInt(0x1_0000);
                case 2 -> random.nextLong() & 0xffff_ffffL;
                default -> random.nextLong();
            };
            final int size = VarInt.write(first, 0, value);
            assertEquals(VarInt.sizeOf(value), size);
            final UnsafeBuffer varint = exact(first, size);
            assertEquals(value, VarInt.readUnsigned(varint, 0, size));
            assertEquals(size, VarInt.encodedLength(varint, 0));

            final Command command = commands[random.nextInt(commands.length - 1)];
            final byte[] payload = bytes(random.nextInt(600));
            first.putBytes(MessageHeaderFlyweight.HEADER_LENGTH, payload);
            final int frameLength = framer.frame(first, 0, command, payload.length);
            final UnsafeBuffer frame = exact(first, frameLength);
            assertEquals(frameLength, frames.frameLengthHint(frame, 0, frameLength));
            assertEquals(frameLength, frames.decode(frame, 0, frameLength));
            assertEquals(command, frames.command());
            assertEquals(payload.length, frames.header().payloadLength());
            assertRange(payload, 0, frame, frames.header().payloadOffset(), payload.length);
        }
    }

    private MessageDecoder decoded(final Command command, final DirectBuffer payload)
    {
        assertEquals(command, decoder.decode(command, payload, 0, payload.capacity()));
        return decoder;
    }

    private static void writeVersionTail(
        final VersionFlyweight version,
        final int tail,
        final int height,
        final boolean relay,
        final byte[] challenge,
        final boolean masternode)
    {
        if (tail >= 1)
        {
            version.startHeight(height);
        }
        if (tail >= 2)
        {
            version.relay(relay);
        }
        if (tail >= 3)
        {
            version.mnauthChallenge(challenge);
        }
        if (tail >= 4)
        {
            version.masternodeConnection(masternode);
        }
    }

    private long randomServices()
    {
        return switch (random.nextInt(4))
        {
            case 0 -> random.nextInt(0xfd);
            case 1 -> 0x1c05;
            case 2 -> random.nextLong() & 0xffff_ffffL;
            default -> random.nextLong();
        };
    }

    private int smallOrUpTo(final int max)
    {
        return random.nextInt(10) == 0 ? random.nextInt(max + 1) : random.nextInt(Math.min(max, 12) + 1);
    }

    private byte[] bytes(final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String ascii(final int maxLength)
    {
        final char[] chars = new char[random.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++)
        {
            chars[i] = (char)(0x20 + random.nextInt(0x5f));
        }
        return new String(chars);
    }

    /** An exactly sized copy, so a read past the payload throws IndexOutOfBoundsException. */
    private static UnsafeBuffer exact(final MutableDirectBuffer source, final int length)
    {
        final byte[] bytes = new byte[length];
        source.getBytes(0, bytes);
        return new UnsafeBuffer(bytes);
    }

    private void assertSameBytes(final UnsafeBuffer expected, final int length)
    {
        assertEquals(expected.capacity(), length, "re-encoded length");
        final byte[] actual = new byte[length];
        second.getBytes(0, actual);
        assertArrayEquals(expected.byteArray(), actual, "re-encoded bytes");
    }

    private static void assertRange(
        final byte[] expected, final int from, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] actual = new byte[length];
        buffer.getBytes(offset, actual);
        assertArrayEquals(Arrays.copyOfRange(expected, from, from + length), actual);
    }
}
