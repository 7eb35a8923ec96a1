package io.dashcast.tools;

import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.dashd.DashdRpcClient;
import io.dashcast.engine.dashd.RpcReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/**
 * {@code dashcast send FILE|-}: submit one block to a running daemon over its JSON-RPC endpoint
 * ({@code dashcast_submitblock}) and print the whole submission report: every path, every peer.
 * Exits non-zero ({@link DashcastMain#EXIT_FAILURE}) when the block reached no path or dashd
 * rejected it.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = "Submit one block (hex or raw) to a running dashcast daemon and print its receipt as JSON.")
public final class SendCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE|-", description = "Block as hex text or raw bytes; '-' reads standard input.")
    private String file;

    @Option(names = "--rpc", defaultValue = "127.0.0.1:9997", paramLabel = "HOST:PORT",
        description = "The daemon's endpoint (default ${DEFAULT-VALUE}).")
    private String rpc;

    @Option(names = "--rpc-user", description = "User, if the daemon was started with --rpc-user.")
    private String user;

    @Option(names = "--rpc-password", description = "Password, with --rpc-user.")
    private String password;

    @Option(names = "--rpc-cookie", paramLabel = "FILE", description = "The daemon's cookie file (default ~/.dashcast/.cookie).")
    private Path cookie;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for the report (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @ParentCommand
    private DashcastMain parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final byte[] block = BlockInput.read(file, parent.stdin());
        final PeerEndpoint endpoint = HostPort.parse(rpc, PeerPriority.CRITICAL);
        final DashdRpcClient.Context ctx = new DashdRpcClient.Context()
            .host(endpoint.host()).port(endpoint.port()).requestTimeoutMs(timeoutSeconds * 1000L);
        if (user != null || password != null)
        {
            if (user == null || password == null)
            {
                throw new BadInputException("give both --rpc-user and --rpc-password, or --rpc-cookie");
            }
            ctx.user(user).password(password);
        }
        else
        {
            ctx.cookieFile(cookie != null ? cookie : Path.of(System.getProperty("user.home"), ".dashcast", ".cookie"));
        }
        final RpcReply reply = new DashdRpcClient(ctx.conclude())
            .call("dashcast_submitblock", "[\"" + HexFormat.of().formatHex(block) + "\"]");
        switch (reply.status())
        {
            case OK:
                spec.commandLine().getOut().println(reply.result().toString());
                spec.commandLine().getOut().flush();
                if (!reply.result().path("success").asBoolean(false))
                {
                    spec.commandLine().getErr().println(spec.qualifiedName() + ": the block was rejected or reached no path");
                    spec.commandLine().getErr().flush();
                    return DashcastMain.EXIT_FAILURE;
                }
                return DashcastMain.EXIT_OK;
            case AUTH_FAILED:
                throw new BadInputException("the daemon at " + rpc + " refused the credentials");
            case RPC_ERROR:
                throw new BadInputException("the daemon refused the block: " + reply.message() + " (" + reply.errorCode() + ")");
            default:
                spec.commandLine().getErr().println(spec.qualifiedName() + ": no answer from the daemon at " + rpc + ": " +
                    reply.message() + " (is 'dashcast run' running?)");
                spec.commandLine().getErr().flush();
                return DashcastMain.EXIT_FAILURE;
        }
    }
}
