package io.dashcast.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real {@code ./dashcast} launcher as a subprocess, from another directory, on the
 * classes this build just compiled ({@code DASHCAST_CLASSPATH}, so the script does not build).
 */
@Timeout(60)
class DashcastScriptTest
{
    private static Path script;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findScript()
    {
        final Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        script = moduleDir.toAbsolutePath().getParent().resolve("dashcast");
        assumeTrue(Files.isExecutable(script), "no executable " + script);
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash");
    }

    @Test
    void shouldDecodeAFileThroughTheLauncher() throws Exception
    {
        final Path file = tmp.resolve("block.hex");
        Files.writeString(file, BlockVectors.resource("mainnet-842285.hex"));

        final Run run = launch(file.toString());

        assertEquals(0, run.status, run.err);
        assertEquals("", run.err);
        DecodeCommandTest.assertMatchesVector(
            BlockVectors.all().stream().filter(v -> v.name().equals("mainnet-842285")).findFirst().orElseThrow(),
            run.out);
    }

    @Test
    void shouldGiveOneLineAndStatus2OnBadInputThroughTheLauncher() throws Exception
    {
        final Path file = tmp.resolve("odd.hex");
        Files.writeString(file, "abc\n");

        final Run run = launch(file.toString());

        assertEquals(DashcastMain.EXIT_BAD_INPUT, run.status, run.err);
        assertEquals("", run.out);
        DecodeCommandTest.assertOneErrorLine(run.err, "dashcast decode: ", "odd number of hex digits");
    }

    @Test
    void shouldBoundHeapAndDirectMemoryAndLetTheUserOverride() throws Exception
    {
        final Path file = tmp.resolve("block.hex");
        Files.writeString(file, BlockVectors.resource("mainnet-842285.hex"));

        final Run bounded = launch(file.toString(), "JAVA_TOOL_OPTIONS", "-XX:+PrintCommandLineFlags");
        assertEquals(0, bounded.status, bounded.err);
        assertTrue(bounded.out.contains("-XX:MaxHeapSize=268435456"), bounded.out);
        assertTrue(bounded.out.contains("-XX:MaxDirectMemorySize=536870912"), bounded.out);

        final Run overridden = launch(file.toString(), "DASHCAST_JAVA_OPTS", "-Xmx128m -XX:+PrintCommandLineFlags");
        assertEquals(0, overridden.status, overridden.err);
        assertTrue(overridden.out.contains("-XX:MaxHeapSize=134217728"), overridden.out);
    }

    private Run launch(final String file, final String... env) throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), "decode", file))
            .directory(tmp.toFile())
            .redirectOutput(tmp.resolve("out").toFile())
            .redirectError(tmp.resolve("err").toFile());
        builder.environment().put("DASHCAST_CLASSPATH", classpath());
        builder.environment().remove("DASHCAST_JAVA_OPTS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        for (int i = 0; i + 1 < env.length; i += 2)
        {
            builder.environment().put(env[i], env[i + 1]);
        }
        final Process process = builder.start();
        try
        {
            assertTrue(process.waitFor(45, TimeUnit.SECONDS), "launcher did not finish");
        }
        finally
        {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(),
            Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
            Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
    }

    private static String classpath()
    {
        // Surefire may run from a manifest-only jar; its Class-Path still lists every entry.
        final String classpath = System.getProperty("java.class.path");
        return String.join(File.pathSeparator, classpath.split(File.pathSeparator));
    }

    private record Run(int status, String out, String err)
    {
    }
}
