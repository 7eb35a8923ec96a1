package io.dashcast.tools;

import io.dashcast.engine.Broadcaster;
import io.dashcast.engine.BroadcasterContext;
import io.dashcast.engine.FailureReason;
import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.PeerState;
import io.dashcast.engine.PeerStats;
import io.dashcast.protocol.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code dashcast probe HOST:PORT}: dial one Dash node with the broadcaster's own connection code,
 * complete the handshake, measure a ping round trip and print what the node said about itself.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Connect to a Dash node, handshake, and print its version, services, user agent, start height and RTT.")
public final class ProbeCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The node to probe.")
    private String target;

    @Option(names = "--network", defaultValue = "main", description = "main, test, regtest or devnet (default ${DEFAULT-VALUE}).")
    private String network;

    @Option(names = "--timeout", defaultValue = "10", description = "Seconds to wait for handshake and pong (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final PeerEndpoint endpoint = HostPort.parse(target, PeerPriority.CRITICAL);
        final Network net = Networks.parse(network);
        final BroadcasterContext ctx = new BroadcasterContext()
            .network(net)
            .addPeer(endpoint)
            .loopCount(1)
            .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(100))
            .connectTimeoutNs(TimeUnit.SECONDS.toNanos(timeoutSeconds))
            .handshakeTimeoutNs(TimeUnit.SECONDS.toNanos(timeoutSeconds))
            .breakerThreshold(1)
            .errorHandler(ex -> { });
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try (Broadcaster broadcaster = Broadcaster.launch(ctx))
        {
            PeerStats peer = broadcaster.stats().peers().get(0);
            while (System.nanoTime() < deadline && (peer.state() != PeerState.READY || peer.rtt().count() == 0))
            {
                if (!peer.failures().isEmpty())
                {
                    break;
                }
                Thread.sleep(20);
                peer = broadcaster.stats().peers().get(0);
            }
            if (peer.state() != PeerState.READY)
            {
                final String why = peer.failures().isEmpty() ? "no handshake within " + timeoutSeconds + " s" :
                    peer.failures().keySet().iterator().next().name().toLowerCase().replace('_', ' ');
                throw new BadInputException("could not handshake with " + target + ": " + why +
                    likelyCause(peer, endpoint, net));
            }
            print(spec.commandLine().getOut(), endpoint, peer);
        }
        return DashcastMain.EXIT_OK;
    }

    /**
     * Dash Core drops a peer whose first message carries another network's magic without a word, so
     * "peer closed" before any message usually means the node runs another network (or the port is
     * another network's); a wrong magic in what it sent says so outright.
     */
    static String likelyCause(final PeerStats peer, final PeerEndpoint endpoint, final Network net)
    {
        final boolean silent = peer.messagesReceived().values().stream().mapToLong(Long::longValue).sum() == 0;
        final boolean closed = peer.failures().containsKey(FailureReason.PEER_CLOSED) ||
            peer.failures().containsKey(FailureReason.IO_ERROR);
        final boolean wrongMagic = peer.failures().containsKey(FailureReason.WRONG_MAGIC);
        if (!wrongMagic && !(closed && silent))
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder(wrongMagic ?
            ": it framed its messages with another network's magic" :
            ": it closed the connection without answering our version, as Dash Core does with a message of " +
            "another network");
        sb.append(": likely cause: the node is not on --network ").append(net.cliName())
            .append(String.format(" (magic 0x%08x, port %d)", Integer.reverseBytes(net.magic()), net.defaultPort()));
        for (final Network other : Network.values())
        {
            if (other != net && other.defaultPort() == endpoint.port())
            {
                sb.append("; port ").append(endpoint.port()).append(" is ").append(other.cliName())
                    .append("'s default: try --network ").append(other.cliName());
                return sb.toString();
            }
        }
        return sb.append("; try --network main, test, regtest or devnet, or check the port").toString();
    }

    private static void print(final PrintWriter out, final PeerEndpoint endpoint, final PeerStats peer)
    {
        out.println("{");
        out.println("  \"peer\": \"" + endpoint.host() + ":" + endpoint.port() + "\",");
        out.println("  \"version\": " + peer.remoteVersion() + ",");
        out.println("  \"services\": \"0x" + Long.toHexString(peer.remoteServices()) + "\",");
        out.println("  \"user_agent\": " + json(peer.remoteUserAgent()) + ",");
        out.println("  \"start_height\": " + peer.remoteStartHeight() + ",");
        out.println("  \"rtt_ms\": " + String.format("%.3f", peer.lastRttUs() / 1000.0) + ",");
        out.println("  \"messages\": " + json(peer.messagesReceived()));
        out.println("}");
        out.flush();
    }

    private static String json(final Object value)
    {
        try
        {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
