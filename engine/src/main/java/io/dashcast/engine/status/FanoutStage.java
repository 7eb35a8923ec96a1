package io.dashcast.engine.status;

/**
 * The moments of one block's fan-out, each measured from submit: the first and the last ready
 * peer's hand-off, the first and the last ack of a handed-off peer.
 */
public enum FanoutStage
{
    FIRST_PEER("first_peer"),
    ALL_PEERS("all_peers"),
    FIRST_ACK("first_ack"),
    ALL_ACKS("all_acks");

    private final String label;

    FanoutStage(final String label)
    {
        this.label = label;
    }

    /**
     * @return Prometheus label value and interval-log tag.
     */
    public String label()
    {
        return label;
    }
}
