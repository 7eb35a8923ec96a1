package io.dashcast.bench.harness;

import java.util.function.IntFunction;

/**
 * One system in one configuration of its own (idle strategy, loop count...): how to build it for N
 * peers, and the labels results carry.
 *
 * @param system   dashcast, floor, netty, thread-per-peer, thread-per-peer-validating or relay.
 * @param strategy how it waits and how many threads it uses, e.g. "busy-spin x1".
 * @param factory  builds the system for a peer count.
 */
record Contender(String system, String strategy, IntFunction<FanOut> factory)
{
    static final String DASHCAST = "dashcast";
    static final String FLOOR = "floor";
    static final String NETTY = "netty";
    static final String THREAD_PER_PEER = "thread-per-peer";
    static final String THREAD_PER_PEER_VALIDATING = "thread-per-peer-validating";
    static final String RELAY = "relay";
}
