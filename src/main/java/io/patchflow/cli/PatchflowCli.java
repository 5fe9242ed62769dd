package io.patchflow.cli;

import io.patchflow.cli.assess.AssessCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code patchflow} command line: commands that run offline, without database, server or Spring context.
 * {@link io.patchflow.PatchflowApplication#main} hands over to it before Spring starts when the first argument names
 * a command. Exit codes: 0 done, 2 bad usage or bad input (the message names the file and line or field), 1 anything
 * else.
 */
public final class PatchflowCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    static final String USAGE = """
            Usage: java -jar patchflow.jar <command> [options]
              (no command)   start the Patchflow server

            Commands:
            %s
            """.formatted(AssessCommand.USAGE.indent(2).stripTrailing());

    private PatchflowCli() {
    }

    /** Whether the arguments ask for a command of the CLI rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (AssessCommand.NAME.equals(args[0]) || "help".equals(args[0]));
    }

    /** Runs the command the arguments name; answers the process's exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || "help".equals(args[0])) {
            out.print(USAGE);
            return OK;
        }
        if (AssessCommand.NAME.equals(args[0])) {
            return new AssessCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length));
        }
        err.println("patchflow: unknown command '" + args[0] + "'");
        err.print(USAGE);
        return BAD_INPUT;
    }
}
