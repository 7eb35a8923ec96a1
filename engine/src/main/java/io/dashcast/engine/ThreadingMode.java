package io.dashcast.engine;

/**
 * Who drives the broadcast loops, as Aeron's {@code ThreadingMode}: each loop on its own
 * {@link org.agrona.concurrent.AgentRunner} thread, or every loop driven by the caller through
 * {@link Broadcaster#invoker()} (one duty cycle per {@code invoke()}: for tests under a manual
 * clock, or an application that runs the loops in its own duty cycle).
 */
public enum ThreadingMode
{
    /** One thread per broadcast loop (the default). */
    DEDICATED,
    /** No threads: the caller calls {@code broadcaster.invoker().invoke()}. */
    INVOKER
}
