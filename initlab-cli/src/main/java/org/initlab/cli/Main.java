package org.initlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of the {@code initlab} command. */
@Command(
        name = "initlab",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "InitLab: neural-network parameter initialization, exact and measured.",
        subcommands = {
            ListCommand.class,
            ExplainCommand.class,
            SampleCommand.class,
            FansCommand.class,
            GainCommand.class,
            CriticalCommand.class,
            ProbeCommand.class,
            AdviseCommand.class,
            MupCommand.class,
            RunCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            SummaryCommand.class,
            DemoCommand.class,
            DataCommand.class,
            SweepCommand.class,
            CommandLine.HelpCommand.class
        })
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

    @Option(
            names = "--wide",
            scope = ScopeType.INHERIT,
            description = "Print tables at their full width (by default they fit $COLUMNS, else 80 columns).")
    boolean wide;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        // a failure on a thread nobody waits for takes the same path, then ends the command
        Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> {
            Failure.report(ex, java.util.Arrays.asList(args).contains("--debug"), err);
            System.exit(1);
        });
        System.exit(run(args, new PrintWriter(System.out, true, System.out.charset()), err));
    }

    /** The command line that ran {@code command}, as typed: {@code initlab} and the arguments, for provenance. */
    static String commandLine(CommandLine.Model.CommandSpec command) {
        return "initlab "
                + String.join(" ", command.commandLine().getParseResult().originalArgs());
    }

    /** Runs the command line with the given streams; returns the exit status (0, 1 or 2). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)} with the given environment ({@code COLUMNS}). */
    static int run(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        OptionRules.install(cl);
        HelpLayout.install(cl);
        Terminal.configure(false, env);
        cl.setExecutionStrategy(parsed -> {
            OptionRules.check(parsed);
            String blas = System.getProperty(org.initlab.nn.Gemm.JAVA_PROPERTY);
            if (blas != null && !org.initlab.nn.Gemm.CHOICES.contains(blas)) {
                throw new CommandLine.ParameterException(
                        parsed.commandSpec().commandLine(),
                        "INITLAB_BLAS (-D"
                                + org.initlab.nn.Gemm.JAVA_PROPERTY + ") is '" + blas + "'; valid: "
                                + String.join(", ", org.initlab.nn.Gemm.CHOICES));
            }
            Terminal.configure(main.wide, env);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            String message =
                    ex instanceof CommandLine.UnmatchedArgumentException u ? OptionRules.unmatched(u) : ex.getMessage();
            err.println("initlab: " + message + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Failure.report(ex, main.debug, err));
        int status;
        try {
            status = cl.execute(args);
        } catch (Throwable ex) { // picocli lets errors (out of memory) through its execution handler
            status = Failure.report(ex, main.debug, err);
        }
        // checkError flushes, then reports any failed write (a full disk, a closed pipe)
        if (out.checkError()) {
            err.println("initlab: error: " + Failure.STDOUT_FAILED);
            status = status == 0 ? 1 : status;
        }
        err.flush();
        return status;
    }
}
