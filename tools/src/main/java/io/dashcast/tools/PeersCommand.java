package io.dashcast.tools;

import io.dashcast.engine.peers.PeerStore;
import io.dashcast.tools.peers.PeerManager;
import io.dashcast.tools.peers.PeerStoreFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code dashcast peers}: every peer the daemon knows, best score first, with what the score is
 * made of (handshakes, round trip, ack latency, net group, source), read from the peer store the
 * daemon saves at every health check. Its subcommands change the running daemon's set through the
 * admin endpoint on its monitoring port ({@code /api/peers}, loopback, the RPC endpoint's
 * credentials): {@code live}, {@code add}, {@code remove}, {@code pin}, {@code unpin}.
 */
@Command(
    name = "peers",
    mixinStandardHelpOptions = true,
    description = "List the peers the daemon knows and has measured, best score first (from its peer store); " +
        "the subcommands change the running daemon's peer set.")
public final class PeersCommand implements Callable<Integer>
{
    /** Where and as whom to reach the running daemon's admin endpoint. */
    static final class DaemonAddress
    {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:9996",
            description = "The daemon's monitoring port (--metrics-port); default ${DEFAULT-VALUE}.")
        String url;

        @Option(names = "--rpc-user", description = "The daemon's --rpc-user (else its cookie file).")
        String user;

        @Option(names = "--rpc-password", description = "The daemon's --rpc-password.")
        String password;

        @Option(names = "--rpc-cookie", paramLabel = "FILE", description = "The daemon's cookie (default ~/.dashcast/.cookie).")
        Path cookie;

        String credentials()
        {
            if (user != null)
            {
                return user + ":" + (password == null ? "" : password);
            }
            final Path file = cookie != null ? cookie : Path.of(System.getProperty("user.home"), ".dashcast", ".cookie");
            try
            {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            catch (final IOException ex)
            {
                throw new BadInputException("no credentials: give --rpc-user/--rpc-password or a readable --rpc-cookie (" +
                    file + ": " + ex.getMessage() + ")");
            }
        }
    }

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

    @Command(name = "live", mixinStandardHelpOptions = true, description = "The running daemon's peer set now.")
    int live(@Mixin final DaemonAddress daemon)
    {
        return request(daemon, "GET", null);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a peer to the running daemon now (pinned: kept until removed).")
    int add(@Mixin final DaemonAddress daemon, @Parameters(paramLabel = "HOST:PORT") final String peer)
    {
        return request(daemon, "POST", "action=add&peer=" + URLEncoder.encode(peer, StandardCharsets.UTF_8));
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a peer from the running daemon (closed after its in-flight block; not chosen again until added).")
    int remove(@Mixin final DaemonAddress daemon, @Parameters(paramLabel = "HOST:PORT") final String peer)
    {
        return request(daemon, "POST", "action=remove&peer=" + URLEncoder.encode(peer, StandardCharsets.UTF_8));
    }

    @Command(name = "pin", mixinStandardHelpOptions = true,
        description = "Pin a peer of the running daemon (never rotated out; added when not in the set).")
    int pin(@Mixin final DaemonAddress daemon, @Parameters(paramLabel = "HOST:PORT") final String peer)
    {
        return request(daemon, "POST", "action=pin&peer=" + URLEncoder.encode(peer, StandardCharsets.UTF_8));
    }

    @Command(name = "unpin", mixinStandardHelpOptions = true, description = "Let rotation replace a peer again.")
    int unpin(@Mixin final DaemonAddress daemon, @Parameters(paramLabel = "HOST:PORT") final String peer)
    {
        return request(daemon, "POST", "action=unpin&peer=" + URLEncoder.encode(peer, StandardCharsets.UTF_8));
    }

    private int request(final DaemonAddress daemon, final String method, final String query)
    {
        final URI uri = URI.create(daemon.url.replaceAll("/+$", "") + "/api/peers" + (query == null ? "" : "?" + query));
        final HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Basic " +
                Base64.getEncoder().encodeToString(daemon.credentials().getBytes(StandardCharsets.UTF_8)))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
        final HttpResponse<String> response;
        try
        {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new BadInputException("cannot reach the daemon at " + daemon.url + ": " + ex.getMessage() +
                " (is it running? see --url)");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return DashcastMain.EXIT_FAILURE;
        }
        final boolean ok = response.statusCode() == 200;
        (ok ? spec.commandLine().getOut() : spec.commandLine().getErr()).print(response.body());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return ok ? DashcastMain.EXIT_OK : DashcastMain.EXIT_FAILURE;
    }
}
