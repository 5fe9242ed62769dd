package io.patchflow.cli;

import io.patchflow.cli.assess.AssessCommand;
import io.patchflow.cli.client.AuditCommand;
import io.patchflow.cli.client.ImportCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code patchflow} command line, without Spring context or database: {@code assess} matches offline;
 * {@code import ...} uploads files to a running Patchflow through its API. {@link io.patchflow.PatchflowApplication#main}
 * hands over to it before Spring starts when the first argument names a command. Exit codes: 0 done, 2 bad usage or
 * bad input (the message names the file and line or field; for {@code import} also a request the server refused),
 * 1 anything else (for {@code import}: the server failed or could not be reached); {@code audit verify} answers 3 when
 * it finds tampering.
 */
public final class PatchflowCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    static final String USAGE = """
            Usage: java -jar patchflow.jar <command> [options]
              (no command)   start the Patchflow server

            Commands:
              help           this text
            %s
            %s
            %s
            """.formatted(AssessCommand.USAGE.indent(2).stripTrailing(), ImportCommand.USAGE.indent(2).stripTrailing(),
                    AuditCommand.USAGE.indent(2).stripTrailing());

    private PatchflowCli() {
    }

    /** Whether the arguments ask for a command of the CLI rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (AssessCommand.NAME.equals(args[0]) || ImportCommand.NAME.equals(args[0])
                || AuditCommand.NAME.equals(args[0]) || "help".equals(args[0]));
    }

    /** Runs the command the arguments name; answers the process's exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment variables given ($PATCHFLOW_URL...). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0 || "help".equals(args[0])) {
            out.print(USAGE);
            return OK;
        }
        if (AssessCommand.NAME.equals(args[0])) {
            return new AssessCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (ImportCommand.NAME.equals(args[0])) {
            return new ImportCommand(out, err, env).run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (AuditCommand.NAME.equals(args[0])) {
            return new AuditCommand(out, err, env).run(Arrays.copyOfRange(args, 1, args.length));
        }
        err.println("patchflow: unknown command '" + args[0] + "'");
        err.print(USAGE);
        return BAD_INPUT;
    }
}
