package io.dashcast.tools;

import io.dashcast.engine.ingress.SharedMemoryBlockPublisher;
import io.dashcast.engine.ingress.SharedMemoryBlockQueue;
import io.dashcast.engine.ingress.SharedMemoryQueueException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code dashcast feed FILE|-}: write one block into the daemon's shared-memory queue, the way a
 * pool process would.
 */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    description = "Write one block (hex or raw) into the daemon's shared-memory queue.")
public final class FeedCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE|-", description = "Block as hex text or raw bytes; '-' reads standard input.")
    private String file;

    @Option(names = "--shm", paramLabel = "FILE", description = "Queue file (default /dev/shm/dashcast-blocks.ring).")
    private Path shm;

    @ParentCommand
    private DashcastMain parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final byte[] block = BlockInput.read(file, parent.stdin());
        final Path path = shm != null ? shm : SharedMemoryBlockQueue.defaultPath();
        final SharedMemoryBlockPublisher.OfferResult result;
        try
        {
            result = SharedMemoryBlockPublisher.open(path).offer(block);
        }
        catch (final SharedMemoryQueueException ex)
        {
            throw new BadInputException(ex.getMessage());
        }
        switch (result)
        {
            case OK:
                spec.commandLine().getOut().println("queued " + block.length + " bytes in " + path);
                spec.commandLine().getOut().flush();
                return DashcastMain.EXIT_OK;
            case TOO_LARGE:
                throw new BadInputException("block of " + block.length + " bytes is larger than the queue takes");
            default:
                spec.commandLine().getErr().println(spec.qualifiedName() + ": queue " + path +
                    " is full: the daemon is not keeping up or not running; the block was not queued");
                spec.commandLine().getErr().flush();
                return DashcastMain.EXIT_FAILURE;
        }
    }
}
