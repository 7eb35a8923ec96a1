package io.dashcast.bench.harness;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The usual Netty fan-out: one ByteBuf holding the framed block, {@code retainedDuplicate()} per
 * channel and {@code writeAndFlush} from the submitting thread (so each write is a task handed to
 * the channel's event loop), epoll transport (NIO only if epoll cannot load). The write future's
 * completion is the hand-off: Netty completes it once the socket has taken the last byte.
 */
final class NettyFanOut implements FanOut
{
    private static final long POLL_NS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final Discard DISCARD = new Discard();

    private final int threads;
    private EventLoopGroup group;
    private Channel[] channels;
    private ChannelFutureListener[] listeners;
    private long[] handoffNs;
    private final AtomicInteger written = new AtomicInteger();
    private volatile String problem;
    private Workload workload;
    private long lastHandoffNs;

    /**
     * @param threads event loops.
     */
    NettyFanOut(final int threads)
    {
        this.threads = threads;
    }

    /**
     * @return "epoll" or "nio", whichever this JVM can use.
     */
    static String transport()
    {
        return Epoll.isAvailable() ? "epoll" : "nio";
    }

    @Override
    public void start(final ReceiverLink link, final Workload workload)
    {
        this.workload = workload;
        final int[] ports = link.open(workload.peers);
        final boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(DISCARD);
        channels = new Channel[ports.length];
        listeners = new ChannelFutureListener[ports.length];
        handoffNs = new long[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            final ChannelFuture connect = bootstrap.connect("127.0.0.1", ports[i]).awaitUninterruptibly();
            if (!connect.isSuccess())
            {
                throw new HarnessException("netty: connect to port " + ports[i] + " failed: " + connect.cause(),
                    connect.cause());
            }
            channels[i] = connect.channel();
            final int peer = i;
            listeners[i] = future ->
            {
                handoffNs[peer] = System.nanoTime();
                if (!future.isSuccess())
                {
                    problem = "netty: write to peer " + peer + " failed: " + future.cause();
                }
                written.incrementAndGet();
            };
        }
    }

    @Override
    public void send(final long sample)
    {
        written.set(0);
        final ByteBuf block = Unpooled.wrappedBuffer(workload.frame.duplicate());
        for (int i = 0; i < channels.length; i++)
        {
            channels[i].writeAndFlush(block.retainedDuplicate()).addListener(listeners[i]);
        }
        block.release();
    }

    @Override
    public void awaitHandoff(final long sample, final Delivery delivery, final long deadlineNs)
    {
        while (written.get() < channels.length)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new HarnessException("netty: only " + written.get() + " of " + channels.length + " writes completed");
            }
            LockSupport.parkNanos(POLL_NS);
        }
        final String p = problem;
        if (p != null)
        {
            throw new HarnessException(p);
        }
        long last = 0;
        for (final long h : handoffNs)
        {
            last = Math.max(last, h);
        }
        lastHandoffNs = last;
    }

    @Override
    public long firstHandoffNs()
    {
        return handoffNs[0];
    }

    @Override
    public long lastHandoffNs()
    {
        return lastHandoffNs;
    }

    @Override
    public void close()
    {
        if (channels != null)
        {
            for (final Channel channel : channels)
            {
                if (channel != null)
                {
                    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
                }
            }
        }
        if (group != null)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The receivers send nothing to a baseline; anything that arrives is dropped.
     */
    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter
    {
        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            ReferenceCountUtil.release(msg);
        }
    }
}
