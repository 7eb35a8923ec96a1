package io.dashcast.tools.metrics;

import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import org.agrona.concurrent.EpochClock;

import java.util.function.IntSupplier;

/**
 * The daemon's health rule for systemd and Kubernetes: healthy when at least {@code min_peers}
 * peers are READY and the local dashd answers RPC. The dashd probe ({@code getblockcount}) is
 * cached for a short while so a probe storm cannot become an RPC storm.
 */
public final class HealthCheck
{
    private final IntSupplier readyPeers;
    private final int minPeers;
    private final DashdRpcClient dashd;
    private final EpochClock clock;
    private final long cacheMs;
    private long checkedAtMs;
    private boolean checked;
    private volatile boolean dashdUp;
    private String dashdProblem = "not checked yet";

    /**
     * @param readyPeers READY peers now.
     * @param minPeers   min_peers.
     * @param dashd      the local dashd, or null when there is none to ask.
     * @param clock      wall clock.
     * @param cacheMs    how long a dashd answer stands.
     */
    public HealthCheck(
        final IntSupplier readyPeers, final int minPeers, final DashdRpcClient dashd, final EpochClock clock,
        final long cacheMs)
    {
        this.readyPeers = readyPeers;
        this.minPeers = minPeers;
        this.dashd = dashd;
        this.clock = clock;
        this.cacheMs = cacheMs;
    }

    /**
     * The verdict.
     *
     * @param healthy   true for 200.
     * @param ready     READY peers.
     * @param minPeers  min_peers.
     * @param dashdUp   the local dashd answered.
     * @param reason    "ok" or what is wrong.
     */
    public record Result(boolean healthy, int ready, int minPeers, boolean dashdUp, String reason)
    {
    }

    /**
     * @return the verdict now (may ask dashd, off any broadcast loop).
     */
    public synchronized Result check()
    {
        probeDashd();
        final int ready = readyPeers.getAsInt();
        final StringBuilder reason = new StringBuilder();
        if (ready < minPeers)
        {
            reason.append(ready).append(" ready peers, below min_peers ").append(minPeers);
        }
        if (!dashdUp)
        {
            reason.append(reason.length() == 0 ? "" : "; ").append("local dashd: ").append(dashdProblem);
        }
        return new Result(reason.length() == 0, ready, minPeers, dashdUp, reason.length() == 0 ? "ok" : reason.toString());
    }

    /**
     * @return the last dashd probe's answer.
     */
    public boolean dashdUp()
    {
        return dashdUp;
    }

    private void probeDashd()
    {
        final long nowMs = clock.time();
        if (checked && nowMs - checkedAtMs < cacheMs)
        {
            return;
        }
        checkedAtMs = nowMs;
        checked = true;
        if (dashd == null)
        {
            dashdUp = false;
            dashdProblem = "none configured";
            return;
        }
        final RpcReply reply = dashd.getblockcount();
        dashdUp = reply.status() == RpcReply.Status.OK;
        dashdProblem = dashdUp ? "" : "getblockcount " + reply.status().name().toLowerCase() +
            (reply.message() == null ? "" : ": " + reply.message());
    }
}
