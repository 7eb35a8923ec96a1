package io.dashcast.tools;

import io.dashcast.sim.SimMisbehaviour;
import io.dashcast.sim.SimulatedDashNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code dashcast sim-peer}: run simulated Dash Core nodes on loopback, optionally misbehaving,
 * for trying a daemon or a pool against them.
 */
@Command(
    name = "sim-peer",
    mixinStandardHelpOptions = true,
    description = "Run simulated Dash nodes on 127.0.0.1 (count, ports, misbehaviour) until Ctrl-C.")
public final class SimPeerCommand implements Callable<Integer>
{
    @Option(names = "--count", defaultValue = "1", description = "Nodes to run (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--base-port", defaultValue = "0", description = "First port; 0 lets the kernel choose.")
    int basePort;

    @Option(names = "--network", defaultValue = "regtest", description = "main, test, regtest or devnet (default ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--initial-height", defaultValue = "0", description = "Start with a deterministic chain of this height.")
    int initialHeight;

    @Option(names = "--stall", description = "Never read after the handshake.")
    boolean stall;

    @Option(names = "--slow", defaultValue = "0", paramLabel = "BYTES_PER_S", description = "Read at most this fast.")
    int slow;

    @Option(names = "--reset-after", defaultValue = "-1", paramLabel = "BYTES", description = "Reset after this many bytes of a block.")
    int resetAfter;

    @Option(names = "--close-during-handshake", description = "Close when the client's version arrives.")
    boolean closeDuringHandshake;

    @Option(names = "--no-verack", description = "Never send verack.")
    boolean noVerack;

    @Option(names = "--garbage", defaultValue = "0", paramLabel = "BYTES", description = "Send this many garbage bytes.")
    int garbage;

    @Option(names = "--oversized", description = "Announce a message longer than 3 MiB.")
    boolean oversized;

    @Option(names = "--wrong-magic", description = "Use another network's magic.")
    boolean wrongMagic;

    @Option(names = "--pong-delay", defaultValue = "0", paramLabel = "MS", description = "Delay pongs.")
    long pongDelayMs;

    @Option(names = "--seconds", defaultValue = "0", description = "Exit after this many seconds (0 = until Ctrl-C).")
    long seconds;

    @Override
    public Integer call() throws Exception
    {
        if (count < 1 || count > 256)
        {
            throw new BadInputException("--count must be 1..256");
        }
        final List<SimulatedDashNode> nodes = new ArrayList<>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                final SimMisbehaviour misbehaviour = new SimMisbehaviour()
                    .stallAfterHandshake(stall).slowReaderBytesPerSecond(slow).resetMidBlockAfterBytes(resetAfter)
                    .closeDuringHandshake(closeDuringHandshake).neverSendVerack(noVerack).garbageBytes(garbage)
                    .oversizedLength(oversized).wrongMagic(wrongMagic).pongDelayMs(pongDelayMs);
                nodes.add(SimulatedDashNode.start(new SimulatedDashNode.Context()
                    .network(Networks.parse(network))
                    .port(basePort == 0 ? 0 : basePort + i)
                    .initialHeight(initialHeight)
                    .misbehaviour(misbehaviour)));
            }
            for (final SimulatedDashNode node : nodes)
            {
                System.out.println("sim-peer: " + node.network().cliName() + " node on 127.0.0.1:" + node.port() +
                    " at height " + node.tipHeight());
            }
            System.out.flush();
            final CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(SimulatedDashNode::close)));
            if (seconds > 0)
            {
                done.await(seconds, TimeUnit.SECONDS);
            }
            else
            {
                done.await();
            }
        }
        catch (final IllegalArgumentException | java.io.UncheckedIOException ex)
        {
            throw new BadInputException(ex.getMessage());
        }
        finally
        {
            nodes.forEach(SimulatedDashNode::close);
        }
        return DashcastMain.EXIT_OK;
    }
}
