package io.dashcast.engine.status;

/**
 * The per-peer counters: one line per figure; each configured peer gets one counter of each, keyed
 * by (peer index, descriptor id) and labelled {@code "<label>: <peer name>"}.
 */
public enum PeerCounterDescriptor
{
    /** Connection state, the ordinal of {@link io.dashcast.engine.PeerState} (gauge). */
    STATE(0, "peer state"),
    /** Blocks handed off (last byte taken by the kernel). */
    SENT(1, "peer blocks sent"),
    /** Blocks the peer proved it processed. */
    ACKED(2, "peer blocks acked"),
    /** Blocks announced by header only and not asked for. */
    HELD_BACK(3, "peer blocks held back"),
    /** Blocks that failed at this peer or for which it was cut. */
    CUT(4, "peer blocks failed or cut"),
    /** Block bytes handed off in full-block frames. */
    BYTES(5, "peer block bytes"),
    /** Connections that reached READY. */
    CONNECTS(6, "peer connects"),
    /** Connection failures. */
    FAILURES(7, "peer failures"),
    /** Failures since the last READY (gauge). */
    CONSECUTIVE_FAILURES(8, "peer consecutive failures"),
    /** Last ping round trip, ns (gauge). */
    LAST_RTT_NS(9, "peer last rtt ns"),
    /** Epoch ms the current connection became READY, 0 when not ready (gauge). */
    READY_SINCE_MS(10, "peer ready since epoch ms"),
    /** Epoch ms the peer last stopped being READY, 0 if never (gauge). */
    DOWN_SINCE_MS(11, "peer down since epoch ms"),
    /** The send policy's last frame, ordinal of {@link io.dashcast.engine.FrameKind} + 1, 0 none (gauge). */
    LAST_FRAME(12, "peer last frame"),
    /** The send policy's last reason, ordinal of {@link io.dashcast.engine.SendReason} + 1, 0 none (gauge). */
    LAST_REASON(13, "peer last send reason"),
    /** Compact block frames sent. */
    COMPACT_SENT(14, "peer compact blocks sent"),
    /** Last block's ack time after submit, ns, 0 none (gauge). */
    LAST_ACK_NS(15, "peer last ack ns"),
    /** Our blocks the peer announced back to us ({@code headers} or {@code inv}) while their broadcast was open. */
    ANNOUNCED(16, "peer blocks announced back"),
    /** Bytes written to the peer's socket, every frame. */
    WIRE_SENT_BYTES(17, "peer bytes sent"),
    /** Bytes read from the peer's socket, every frame. */
    WIRE_RECEIVED_BYTES(18, "peer bytes received");

    /** Counter type id of peer counters in the counters file. */
    public static final int TYPE_ID = 2;

    private final int id;
    private final String label;

    PeerCounterDescriptor(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /**
     * @return stable id, the second int of the counter's key.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return human-readable label.
     */
    public String label()
    {
        return label;
    }
}
