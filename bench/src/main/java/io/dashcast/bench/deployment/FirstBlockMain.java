package io.dashcast.bench.deployment;

import io.dashcast.bench.harness.FanOut;
import io.dashcast.bench.harness.FloorFanOut;
import io.dashcast.bench.harness.Workload;
import io.dashcast.engine.IdleMode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM's first block: started by {@link DeploymentHarness} once per sample with the ports of
 * receivers it opened. Launches the system behind its ingress (or the floor), connects, waits until
 * every peer is ready and then {@code delayMs} more, then times one block and prints
 * {@code R t0 t1 firstHandoffNs lastHandoffNs} (System.nanoTime, comparable across processes), and
 * exits when its stdin closes.
 *
 * <pre>
 * args: ingress peers blockBytes delayMs idleMode loops keepWarmMs warmUpIterations port,port,... rpcWarmUp
 * rpcKeepWarmMs shmIdle rehearsalBlocks
 * </pre>
 */
public final class FirstBlockMain
{
    private FirstBlockMain()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception any failure: printed, exit status 1.
     */
    public static void main(final String[] args) throws Exception
    {
        try
        {
            run(args);
        }
        catch (final Exception | Error ex)
        {
            // The broadcaster's threads would keep a failed child alive for good: say why and go.
            ex.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(final String[] args) throws Exception
    {
        final Ingress ingress = Ingress.of(args[0]);
        final int peers = Integer.parseInt(args[1]);
        final int blockBytes = Integer.parseInt(args[2]);
        final long delayMs = Long.parseLong(args[3]);
        final IdleMode idleMode = IdleMode.valueOf(args[4]);
        final int loops = Integer.parseInt(args[5]);
        final long keepWarmMs = Long.parseLong(args[6]);
        final int warmUpIterations = Integer.parseInt(args[7]);
        final String[] words = args[8].split(",");
        final int[] ports = new int[words.length];
        for (int i = 0; i < ports.length; i++)
        {
            ports[i] = Integer.parseInt(words[i]);
        }
        final Workload workload = Workload.of(peers, blockBytes);
        final FanOut fanOut;
        if (ingress == Ingress.FLOOR)
        {
            final FloorFanOut floor = new FloorFanOut();
            floor.connect(ports, workload);
            fanOut = floor;
        }
        else
        {
            final IngressPath path = new IngressPath(ingress, idleMode, loops, TimeUnit.MILLISECONDS.toNanos(keepWarmMs),
                warmUpIterations, Integer.parseInt(args[12]), Integer.parseInt(args[9]), Long.parseLong(args[10]), args[11]);
            path.connect(ports, workload);
            fanOut = path;
        }
        try
        {
            Thread.sleep(delayMs);
            final long t0 = System.nanoTime();
            fanOut.send(0);
            final long t1 = System.nanoTime();
            fanOut.awaitHandoff(0, null, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            System.out.println("R " + t0 + ' ' + t1 + ' ' + fanOut.firstHandoffNs() + ' ' + fanOut.lastHandoffNs());
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            while (in.readLine() != null)
            {
                // until the harness closes our stdin
            }
        }
        catch (final RuntimeException ex)
        {
            System.err.println("first-block child: " + ex);
            fanOut.close();
            System.exit(1);
        }
        fanOut.close();
        System.exit(0);
    }
}
