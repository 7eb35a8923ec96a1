package io.dashcast.engine;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The broadcaster's error handler: every error is counted, recorded once per distinct stack trace
 * in an Agrona {@link DistinctErrorLog} (later repeats only bump its count and last time, so a
 * failing loop cannot flood a log), then passed to the configured handler, which may be a no-op.
 * Never throws: a handler that does is itself recorded.
 */
final class BroadcasterErrors implements ErrorHandler
{
    private final AtomicBuffer buffer;
    private final DistinctErrorLog log;
    private final ErrorHandler delegate;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    BroadcasterErrors(final int bufferBytes, final EpochClock clock, final ErrorHandler delegate)
    {
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bufferBytes));
        this.log = new DistinctErrorLog(buffer, clock);
        this.delegate = delegate;
    }

    @Override
    public void onError(final Throwable throwable)
    {
        count.incrementAndGet();
        if (!log.record(throwable))
        {
            dropped.incrementAndGet(); // the log is full; still counted
        }
        if (delegate != null)
        {
            try
            {
                delegate.onError(throwable);
            }
            catch (final RuntimeException ex)
            {
                log.record(ex);
            }
        }
    }

    long count()
    {
        return count.get();
    }

    long dropped()
    {
        return dropped.get();
    }

    AtomicBuffer buffer()
    {
        return buffer;
    }

    int read(final ErrorConsumer consumer)
    {
        return ErrorLogReader.read(buffer, consumer);
    }
}
