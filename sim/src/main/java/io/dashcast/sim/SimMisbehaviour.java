package io.dashcast.sim;

/**
 * Scripted ways for the simulated node to be a bad peer. One instance lives in a node's
 * {@link SimulatedDashNode.Context} and stays live: every setting can be changed while the node
 * runs and applies from the next event it governs (the next read, the next version, the next pong).
 * All off by default. Fields are volatile; set them from any thread.
 * <p>
 * A node built with {@link #slowReaderBytesPerSecond(int)} or {@link #stallAfterHandshake(boolean)}
 * already set gets a small socket receive buffer (see
 * {@link SimulatedDashNode.Context#receiveBufferBytes(int)}) so the client's writes back up quickly.
 */
public final class SimMisbehaviour
{
    private volatile int slowReaderBytesPerSecond;
    private volatile boolean stallAfterHandshake;
    private volatile int resetMidBlockAfterBytes = -1;
    private volatile boolean closeDuringHandshake;
    private volatile boolean neverSendVerack;
    private volatile int garbageBytes;
    private volatile boolean oversizedLength;
    private volatile boolean wrongMagic;
    private volatile long pongDelayMs;

    /**
     * @param bytesPerSecond read at most this many bytes per second from each connection; 0 = unlimited.
     * @return this.
     */
    public SimMisbehaviour slowReaderBytesPerSecond(final int bytesPerSecond)
    {
        if (bytesPerSecond < 0)
        {
            throw new IllegalArgumentException("bytes per second " + bytesPerSecond);
        }
        this.slowReaderBytesPerSecond = bytesPerSecond;
        return this;
    }

    public int slowReaderBytesPerSecond()
    {
        return slowReaderBytesPerSecond;
    }

    /**
     * @param stall never read again once a connection's handshake is done (pings are still sent).
     * @return this.
     */
    public SimMisbehaviour stallAfterHandshake(final boolean stall)
    {
        this.stallAfterHandshake = stall;
        return this;
    }

    public boolean stallAfterHandshake()
    {
        return stallAfterHandshake;
    }

    /**
     * @param bytes reset the connection (RST: SO_LINGER 0, then close) once this many bytes of a
     *              {@code block} frame (header included) have arrived; -1 = off.
     * @return this.
     */
    public SimMisbehaviour resetMidBlockAfterBytes(final int bytes)
    {
        if (bytes < -1)
        {
            throw new IllegalArgumentException("reset threshold " + bytes);
        }
        this.resetMidBlockAfterBytes = bytes;
        return this;
    }

    public int resetMidBlockAfterBytes()
    {
        return resetMidBlockAfterBytes;
    }

    /**
     * @param close close the connection when the client's {@code version} arrives, without replying.
     * @return this.
     */
    public SimMisbehaviour closeDuringHandshake(final boolean close)
    {
        this.closeDuringHandshake = close;
        return this;
    }

    public boolean closeDuringHandshake()
    {
        return closeDuringHandshake;
    }

    /**
     * @param never answer {@code version} with {@code version} (and {@code sendaddrv2}) but never {@code verack}.
     * @return this.
     */
    public SimMisbehaviour neverSendVerack(final boolean never)
    {
        this.neverSendVerack = never;
        return this;
    }

    public boolean neverSendVerack()
    {
        return neverSendVerack;
    }

    /**
     * @param bytes answer {@code version} with this many random bytes instead of a handshake; 0 = off.
     * @return this.
     */
    public SimMisbehaviour garbageBytes(final int bytes)
    {
        if (bytes < 0)
        {
            throw new IllegalArgumentException("garbage bytes " + bytes);
        }
        this.garbageBytes = bytes;
        return this;
    }

    public int garbageBytes()
    {
        return garbageBytes;
    }

    /**
     * @param oversized answer {@code version} with a frame header announcing 3 MiB + 1 bytes (and no payload).
     * @return this.
     */
    public SimMisbehaviour oversizedLength(final boolean oversized)
    {
        this.oversizedLength = oversized;
        return this;
    }

    public boolean oversizedLength()
    {
        return oversizedLength;
    }

    /**
     * @param wrong frame everything the node sends with another network's magic.
     * @return this.
     */
    public SimMisbehaviour wrongMagic(final boolean wrong)
    {
        this.wrongMagic = wrong;
        return this;
    }

    public boolean wrongMagic()
    {
        return wrongMagic;
    }

    /**
     * @param delayMs hold each {@code pong} this long before sending it; messages queued after it wait
     *                too, keeping the node's strict in-order replies. 0 = off.
     * @return this.
     */
    public SimMisbehaviour pongDelayMs(final long delayMs)
    {
        if (delayMs < 0)
        {
            throw new IllegalArgumentException("pong delay " + delayMs);
        }
        this.pongDelayMs = delayMs;
        return this;
    }

    public long pongDelayMs()
    {
        return pongDelayMs;
    }

    boolean wantsSmallReceiveBuffer()
    {
        return slowReaderBytesPerSecond > 0 || stallAfterHandshake;
    }
}
