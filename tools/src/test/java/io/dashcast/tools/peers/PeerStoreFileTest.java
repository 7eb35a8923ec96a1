package io.dashcast.tools.peers;

import io.dashcast.engine.peers.PeerCandidate;
import io.dashcast.engine.peers.PeerSource;
import io.dashcast.engine.peers.PeerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerStoreFileTest
{
    @Test
    void aRestartKeepsTheLearnedStore(@TempDir final Path dir) throws IOException
    {
        final PeerStore store = new PeerStore(100, 50);
        final PeerCandidate configured = store.add("127.0.0.1", 19999, PeerSource.CONFIG, 1_000);
        final PeerCandidate learned = store.add("2001:db8::7", 9999, PeerSource.ADDR, 2_000);
        learned.onAttempt(3_000);
        store.onReady(learned, 3_100, 42_000.5);
        learned.onAck(61_000);
        learned.onRelayFirst();
        learned.onPenalty();
        learned.onDisconnect(9_000);
        final Path file = dir.resolve("peers.yaml");
        PeerStoreFile.save(store, file);

        final PeerStore restored = new PeerStore(100, 50);
        assertEquals(2, PeerStoreFile.load(file, restored));
        final PeerCandidate again = restored.get("2001:db8::7", 9999);
        assertEquals(learned.toString(), again.toString());
        assertEquals(learned.ackUs(), again.ackUs());
        assertEquals(learned.connectedMs(), again.connectedMs());
        assertEquals(1, again.relayFirsts());
        assertEquals(1, again.penalties());
        assertTrue(again.tried());
        assertTrue(restored.get("127.0.0.1", 19999).pinned());
        assertEquals(configured.firstSeenMs(), restored.get("127.0.0.1", 19999).firstSeenMs());
    }

    @Test
    void aDamagedFileSaysSoAndHowToFixIt(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("peers.yaml");
        Files.writeString(file, "peers: [ { host: x, port: notanumber } ]\n");
        final IOException ex = assertThrows(IOException.class, () -> PeerStoreFile.load(file, new PeerStore(10, 10)));
        assertTrue(ex.getMessage().contains("fix: delete it"), ex.getMessage());
    }
}
