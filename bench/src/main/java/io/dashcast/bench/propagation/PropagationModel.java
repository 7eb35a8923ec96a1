package io.dashcast.bench.propagation;

import java.util.Locale;

/**
 * Every parameter of the propagation model, with defaults taken from Dash Core and public
 * measurements (see {@code bench/README-propagation.md}). Fluent setters; {@link #conclude()}
 * validates everything once and derives the compact block's size.
 */
final class PropagationModel
{
    /** How nodes relay a block to each other. */
    enum Relay
    {
        /** BIP152: high-bandwidth peers get a cmpctblock pushed before full validation, others a headers announcement. */
        COMPACT,
        /** Legacy: validate fully, announce with inv, the peer asks with getdata and gets the whole block. */
        FULL
    }

    /** What dashcast pushes to each of its k targets. */
    enum Push
    {
        /** The whole block (what the engine sends today). */
        FULL,
        /** A cmpctblock; a target that misses transactions asks the pool for them (one round trip). */
        COMPACT
    }

    /** How the pool's uplink is shared among its k pushes. */
    enum PoolOrder
    {
        /** One peer after another in priority order: the i-th push completes after i+1 copies. */
        SEQUENTIAL,
        /** All at once, fair share: every push completes after k copies. */
        INTERLEAVED
    }

    int nodes = 5_000;
    int outbound = 10;
    int maxConnections = 125;
    double latencyMedianMs = 40;
    double latencySigma = 0.6;
    double latencyMinMs = 2;
    double latencyMaxMs = 400;
    double validationMedianMs = 20;
    double validationSigma = 0.5;
    double preValidationMs = 2;
    double uplinkMedianMbit = 100;
    double uplinkSigma = 0.7;
    double uplinkMinMbit = 5;
    int blockBytes = 1_000_000;
    int averageTxBytes = 400;
    double missProbability = 0.15;
    int missBytes = 10_000;
    int highBandwidthPeers = 3;
    Relay relay = Relay.COMPACT;
    Push push = Push.FULL;
    PoolOrder poolOrder = PoolOrder.SEQUENTIAL;
    double poolUplinkMbit = 100;
    double poolLatencyMedianMs = 40;
    boolean wellConnectedTargets = true;
    private int compactBytes;
    private boolean concluded;

    PropagationModel nodes(final int n)
    {
        nodes = n;
        return this;
    }

    PropagationModel outbound(final int n)
    {
        outbound = n;
        return this;
    }

    PropagationModel maxConnections(final int n)
    {
        maxConnections = n;
        return this;
    }

    PropagationModel latency(final double medianMs, final double sigma)
    {
        latencyMedianMs = medianMs;
        latencySigma = sigma;
        return this;
    }

    PropagationModel validation(final double medianMs, final double sigma)
    {
        validationMedianMs = medianMs;
        validationSigma = sigma;
        return this;
    }

    PropagationModel preValidationMs(final double ms)
    {
        preValidationMs = ms;
        return this;
    }

    PropagationModel uplink(final double medianMbit, final double sigma)
    {
        uplinkMedianMbit = medianMbit;
        uplinkSigma = sigma;
        return this;
    }

    PropagationModel blockBytes(final int bytes)
    {
        blockBytes = bytes;
        return this;
    }

    PropagationModel miss(final double probability, final int bytes)
    {
        missProbability = probability;
        missBytes = bytes;
        return this;
    }

    PropagationModel relay(final Relay r)
    {
        relay = r;
        return this;
    }

    PropagationModel push(final Push p)
    {
        push = p;
        return this;
    }

    PropagationModel poolOrder(final PoolOrder o)
    {
        poolOrder = o;
        return this;
    }

    PropagationModel poolUplinkMbit(final double mbit)
    {
        poolUplinkMbit = mbit;
        return this;
    }

    PropagationModel wellConnectedTargets(final boolean wellConnected)
    {
        wellConnectedTargets = wellConnected;
        return this;
    }

    /**
     * @return this, validated, with the compact block size derived.
     * @throws IllegalArgumentException naming the first bad parameter.
     */
    PropagationModel conclude()
    {
        require(nodes >= 2, "nodes must be at least 2");
        require(outbound >= 1 && outbound < nodes, "outbound must be between 1 and nodes - 1");
        require(maxConnections > outbound, "max connections must exceed outbound");
        require(latencyMedianMs > 0 && latencySigma >= 0, "latency median must be > 0 and sigma >= 0");
        require(latencyMinMs <= latencyMaxMs, "latency min must not exceed max");
        require(validationMedianMs >= 0 && validationSigma >= 0, "validation median and sigma must be >= 0");
        require(preValidationMs >= 0, "pre-validation time must be >= 0");
        require(uplinkMedianMbit > 0 && uplinkSigma >= 0 && poolUplinkMbit > 0, "uplinks must be > 0");
        require(blockBytes >= 80 && averageTxBytes > 0, "block must be at least a header");
        require(missProbability >= 0 && missProbability <= 1 && missBytes >= 0, "miss probability in [0,1]");
        require(highBandwidthPeers >= 0, "high-bandwidth peers must be >= 0");
        // header, nonce, short-id count and ids (6 bytes each), one prefilled coinbase
        final int txCount = Math.max(1, blockBytes / averageTxBytes);
        compactBytes = 80 + 8 + 3 + 6 * txCount + 250;
        concluded = true;
        return this;
    }

    int compactBytes()
    {
        if (!concluded)
        {
            throw new IllegalStateException("conclude() first");
        }
        return compactBytes;
    }

    /** @return one line per group of parameters, for the report. */
    String describe()
    {
        return String.format(Locale.ROOT,
            "nodes %d, %d outbound each (max %d connections), link latency lognormal median %.0f ms sigma %.2f "
                + "[%.0f..%.0f ms]%n"
                + "validation lognormal median %.0f ms sigma %.2f per node, pre-validation before HB relay %.1f ms, "
                + "node uplink lognormal median %.0f Mbit/s sigma %.2f%n"
                + "block %,d B (compact %,d B), %.0f%% of nodes miss transactions (+1 RTT, %,d B), relay %s, "
                + "%d high-bandwidth peers%n"
                + "pool: uplink %.0f Mbit/s, push %s, order %s, latency median %.0f ms, targets %s",
            nodes, outbound, maxConnections, latencyMedianMs, latencySigma, latencyMinMs, latencyMaxMs,
            validationMedianMs, validationSigma, preValidationMs, uplinkMedianMbit, uplinkSigma,
            blockBytes, compactBytes(), missProbability * 100, missBytes, relay, highBandwidthPeers,
            poolUplinkMbit, push, poolOrder, poolLatencyMedianMs, wellConnectedTargets ? "well-connected" : "random");
    }

    private static void require(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
