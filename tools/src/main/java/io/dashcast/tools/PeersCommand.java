package io.dashcast.tools;

import io.dashcast.engine.peers.PeerStore;
import io.dashcast.tools.peers.PeerManager;
import io.dashcast.tools.peers.PeerStoreFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code dashcast peers}: every peer the daemon knows, best score first, with what the score is
 * made of (handshakes, round trip, ack latency, net group, source), read from the peer store the
 * daemon saves at every health check.
 */
@Command(
    name = "peers",
    mixinStandardHelpOptions = true,
    description = "List the peers the daemon knows and has measured, best score first (from its peer store).")
public final class PeersCommand implements Callable<Integer>
{
    @Option(names = "--peer-store", paramLabel = "FILE",
        description = "Peer store (default ~/.dashcast/peers.yaml, as the daemon's --peer-store).")
    private Path file;

    @Spec
    private CommandSpec spec;

    /** @return the daemon's default peer store file. */
    public static Path defaultStore()
    {
        return Path.of(System.getProperty("user.home"), ".dashcast", "peers.yaml");
    }

    @Override
    public Integer call()
    {
        final Path path = file != null ? file : defaultStore();
        if (!Files.isRegularFile(path))
        {
            throw new BadInputException("no peer store at " + path + ": has the daemon run a health check yet (see --peer-store)?");
        }
        final PeerStore store = new PeerStore(Integer.MAX_VALUE, Integer.MAX_VALUE);
        try
        {
            PeerStoreFile.load(path, store);
        }
        catch (final IOException ex)
        {
            throw new BadInputException(ex.getMessage());
        }
        spec.commandLine().getOut().print(PeerManager.table(store, System.currentTimeMillis()));
        spec.commandLine().getOut().flush();
        return DashcastMain.EXIT_OK;
    }
}
