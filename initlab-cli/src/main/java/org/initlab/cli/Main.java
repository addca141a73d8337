package org.initlab.cli;

import java.io.PrintWriter;
import org.initlab.io.FormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of the {@code initlab} command. */
@Command(name = "initlab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "InitLab: neural-network parameter initialization, exact and measured.",
        subcommands = {ListCommand.class, ExplainCommand.class, SampleCommand.class, FansCommand.class,
                GainCommand.class, CriticalCommand.class, ProbeCommand.class, AdviseCommand.class, MupCommand.class, RunCommand.class, TrainCommand.class, ExportCommand.class, DemoCommand.class, DataCommand.class, SweepCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /**
     * netlib logs a warning when its optional Vector-API BLAS is absent even though native or
     * plain-Java BLAS then works; keep that out of the command's error stream. A strong reference
     * keeps the configured logger alive.
     */
    private static final java.util.logging.Logger NETLIB = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    static {
        NETLIB.setLevel(java.util.logging.Level.SEVERE);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status (0, 1 or 2). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("initlab: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // a malformed input file is bad input too (FormatException names file, offset and reason)
            // and so is a file that is not there or cannot be read
            boolean badInput = ex instanceof IllegalArgumentException || ex instanceof FormatException
                    || ex instanceof java.nio.file.NoSuchFileException || ex instanceof java.nio.file.AccessDeniedException;
            if (main.debug) {
                ex.printStackTrace(err);
            }
            String message = ex instanceof java.nio.file.NoSuchFileException missing
                    ? "no such file: " + missing.getFile()
                    : ex instanceof java.nio.file.AccessDeniedException denied
                    ? "cannot read or write (access denied): " + denied.getFile()
                    : ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("initlab: " + (badInput ? "" : "error: ") + message.lines().findFirst().orElse(""));
            err.flush();
            return badInput ? 2 : 1;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
