package io.dashcast.tools.peers;

import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerSource;
import io.dashcast.engine.peers.PeerStore;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The peer store on disk: one YAML file written with Chronicle Wire, every candidate with its
 * source, first/last seen, attempts, handshakes, round trip, ack latency, relay and penalty history,
 * so what was learned survives a restart. Written to a temporary file and moved into place, so a
 * crash mid-write leaves the previous store whole.
 */
public final class PeerStoreFile
{
    private PeerStoreFile()
    {
    }

    /**
     * @param store the store.
     * @param file  where to write it.
     * @throws IOException when it cannot be written.
     */
    public static void save(final PeerStore store, final Path file) throws IOException
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(4096);
        final Wire wire = WireType.YAML_ONLY.apply(bytes);
        wire.write("peers").sequence(store, (s, out) ->
        {
            for (final PeerCandidate c : s.all())
            {
                out.marshallable(m -> m
                    .write("host").text(c.host())
                    .write("port").int32(c.port())
                    .write("source").text(c.source().name())
                    .write("firstSeenMs").int64(c.firstSeenMs())
                    .write("lastSeenMs").int64(c.lastSeenMs())
                    .write("lastAttemptMs").int64(c.lastAttemptMs())
                    .write("lastSuccessMs").int64(c.lastSuccessMs())
                    .write("attempts").int32(c.attempts())
                    .write("successes").int32(c.successes())
                    .write("rttUs").float64(c.rttUs())
                    .write("ackUs").float64(c.ackUs())
                    .write("ackCount").int64(c.ackCount())
                    .write("relayFirsts").int32(c.relayFirsts())
                    .write("penalties").int32(c.penalties())
                    .write("connectedMs").int64(c.connectedMs())
                    .write("tried").bool(c.tried())
                    .write("pinned").bool(c.pinned()));
            }
        });
        final Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        final Path tmp = Files.createTempFile(parent, ".peers", ".tmp");
        Files.writeString(tmp, bytes.toString(), StandardCharsets.UTF_8);
        try
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Read a store file into a store (entries beyond its bounds are dropped by the store's rules).
     *
     * @param file  the file; a missing file leaves the store empty.
     * @param store the store to fill.
     * @return the number of candidates read.
     * @throws IOException when the file cannot be read or is not a peer store.
     */
    public static int load(final Path file, final PeerStore store) throws IOException
    {
        if (!Files.exists(file))
        {
            return 0;
        }
        final Wire wire = WireType.YAML_ONLY.apply(Bytes.from(Files.readString(file, StandardCharsets.UTF_8)));
        final int[] count = {0};
        try
        {
            wire.read("peers").sequence(store, (s, in) ->
            {
                while (in.hasNextSequenceItem())
                {
                    in.marshallable(m ->
                    {
                        final String host = m.read("host").text();
                        final int port = m.read("port").int32();
                        final PeerSource source = PeerSource.valueOf(m.read("source").text());
                        final PeerCandidate c = new PeerCandidate(host, port, source, m.read("firstSeenMs").int64());
                        c.restore(m.read("lastSeenMs").int64(), m.read("lastAttemptMs").int64(),
                            m.read("lastSuccessMs").int64(), m.read("attempts").int32(), m.read("successes").int32(),
                            m.read("rttUs").float64(), m.read("ackUs").float64(), m.read("ackCount").int64(),
                            m.read("relayFirsts").int32(), m.read("penalties").int32(), m.read("connectedMs").int64(),
                            m.read("tried").bool());
                        c.pinned(m.read("pinned").bool());
                        s.restore(c);
                        count[0]++;
                    });
                }
            });
        }
        catch (final RuntimeException ex)
        {
            throw new IOException(file + ": not a dashcast peer store (" + ex.getMessage() + "): fix: delete it, it is rebuilt", ex);
        }
        return count[0];
    }
}
