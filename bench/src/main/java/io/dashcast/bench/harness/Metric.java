package io.dashcast.bench.harness;

/**
 * The latencies measured per sample, all from the harness's clock reading just before the send.
 */
enum Metric
{
    /** Submit until the kernel took the last byte on all N sockets. */
    HANDOFF("handoff", "Handoff: submit -> the kernel took the last byte on all N sockets"),
    /** Submit until the kernel took the last byte for the first (critical) peer. */
    FIRST_PEER("firstPeer", "First peer: submit -> the kernel took the last byte for the critical peer 0"),
    /** Submit until the last receiver had read the whole block (receiver process, same clock). */
    DELIVERY("delivery", "Delivery: submit -> the last receiver has read the whole block"),
    /** Time the submitting thread spent inside the send or submit call. */
    SUBMIT_CALL("submitCall", "Submit call: time the submitting thread spent in the send/submit call");

    private final String key;
    private final String title;

    Metric(final String key, final String title)
    {
        this.key = key;
        this.title = title;
    }

    /**
     * @return the name used in results.json and file names.
     */
    String key()
    {
        return key;
    }

    /**
     * @return a heading for tables and charts.
     */
    String title()
    {
        return title;
    }
}
