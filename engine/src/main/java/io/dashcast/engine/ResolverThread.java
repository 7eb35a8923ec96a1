package io.dashcast.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs host look-ups off the broadcast loops (DNS can block for seconds) on one daemon thread,
 * started on first use.
 */
final class ResolverThread implements Executor, AutoCloseable
{
    private final String threadName;
    private ExecutorService executor;
    private boolean closed;

    ResolverThread(final String threadName)
    {
        this.threadName = threadName;
    }

    @Override
    public void execute(final Runnable lookUp)
    {
        final ExecutorService e;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            if (executor == null)
            {
                executor = Executors.newSingleThreadExecutor(r ->
                {
                    final Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
            }
            e = executor;
        }
        try
        {
            e.execute(lookUp);
        }
        catch (final RejectedExecutionException ex)
        {
            // closing
        }
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        if (executor != null)
        {
            executor.shutdownNow();
        }
    }
}
