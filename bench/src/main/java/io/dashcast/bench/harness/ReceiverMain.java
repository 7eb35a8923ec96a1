package io.dashcast.bench.harness;

import io.dashcast.protocol.Network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The receiver process: started by the harness in its own JVM, driven by one-line commands on
 * standard input, answering one line each on standard output.
 * <pre>
 *  open N                       -&gt; ports P0 .. PN-1     (a {@link FanInReceiver})
 *  relay N HOP_DELAY_NS MAX     -&gt; ports P              (a {@link RelayChain}; P is the local node)
 *  close                        -&gt; closed
 *  quit                         (or end of input) exits
 * </pre>
 * While a session is open, each block delivered to every peer prints
 * {@code D sample firstPeerNs lastPeerNs firstHandoffNs lastHandoffNs} (System.nanoTime of this
 * process); a fault prints {@code error message}.
 */
public final class ReceiverMain implements DeliveryListener
{
    private final PrintStream out;
    private ReceiverSession session;

    private ReceiverMain(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * @param args none.
     * @throws IOException if standard input fails.
     */
    public static void main(final String[] args) throws IOException
    {
        final PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        final ReceiverMain main = new ReceiverMain(out);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)))
        {
            String line;
            while ((line = in.readLine()) != null && !"quit".equals(line.trim()))
            {
                main.onCommand(line.trim());
            }
        }
        finally
        {
            main.closeSession();
        }
        System.exit(0);
    }

    private void onCommand(final String line)
    {
        final String[] words = line.split(" +");
        try
        {
            switch (words[0])
            {
                case "open":
                    closeSession();
                    session = new FanInReceiver(Integer.parseInt(words[1]), Network.REGTEST, this);
                    printPorts();
                    break;
                case "relay":
                    closeSession();
                    session = new RelayChain(Integer.parseInt(words[1]), Long.parseLong(words[2]),
                        Integer.parseInt(words[3]), this);
                    printPorts();
                    break;
                case "close":
                    closeSession();
                    println("closed");
                    break;
                default:
                    println("error unknown command: " + line);
                    break;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            println("error " + line + ": " + ex);
        }
    }

    private void printPorts()
    {
        final StringBuilder sb = new StringBuilder("ports");
        for (final int port : session.ports())
        {
            sb.append(' ').append(port);
        }
        println(sb.toString());
    }

    private void closeSession()
    {
        if (session != null)
        {
            session.close();
            session = null;
        }
    }

    @Override
    public void onDelivered(
        final long sample, final long firstPeerNs, final long lastPeerNs, final long firstHandoffNs,
        final long lastHandoffNs)
    {
        println(formatDelivery(sample, firstPeerNs, lastPeerNs, firstHandoffNs, lastHandoffNs));
    }

    @Override
    public void onError(final String message)
    {
        println("error " + message.replace('\n', ' '));
    }

    private void println(final String line)
    {
        synchronized (out)
        {
            out.println(line);
            out.flush();
        }
    }

    /**
     * @return the delivery line, as {@link ReceiverLink} parses it.
     */
    static String formatDelivery(
        final long sample, final long firstPeerNs, final long lastPeerNs, final long firstHandoffNs,
        final long lastHandoffNs)
    {
        return "D " + sample + ' ' + firstPeerNs + ' ' + lastPeerNs + ' ' + firstHandoffNs + ' ' + lastHandoffNs;
    }
}
