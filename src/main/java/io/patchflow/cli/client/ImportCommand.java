package io.patchflow.cli.client;

import io.patchflow.cli.PatchflowCli;
import io.patchflow.cli.options.CommandLine;
import io.patchflow.cli.options.UsageException;
import io.patchflow.shared.BadInputException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code patchflow import inventory|advisories|feed|scan ...}: uploads files to a running Patchflow through its API,
 * as the server's own clients do. Reads the common options (server, credentials), hands the rest to the
 * subcommand, and turns every failure into a message and an exit code: 2 for bad usage, a bad file or a request the
 * server refused (4xx), 1 for a server that cannot be reached or failed (5xx).
 */
public final class ImportCommand {

    public static final String NAME = "import";
    private static final List<ImportSubcommand> SUBCOMMANDS = List.of(new ImportInventory(), new ImportAdvisories(),
            new ImportFeed(), new ImportScan());
    static final String COMMON = """
            Common options of import (talk to a running Patchflow):
              --server URL          default $PATCHFLOW_URL, else http://localhost:8080
              --user NAME           default $PATCHFLOW_USER; the password comes from $PATCHFLOW_PASSWORD or
              --password-file FILE  the first line of FILE (never from the command line)
              --token-file FILE     a bearer token (first line of FILE) instead of user and password;
                                    default $PATCHFLOW_TOKEN
              Prints the server's JSON answer on standard output. Exit codes: 0 done, 2 bad usage, bad file or
              refused by the server (4xx: the problem's detail and field on standard error), 1 server failed (5xx)
              or could not be reached.
            """;
    public static final String USAGE = SUBCOMMANDS.stream().map(ImportSubcommand::usage)
            .collect(Collectors.joining()) + COMMON;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public ImportCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String[] args) {
        if (args.length == 0) {
            err.println("patchflow import: name what to import: inventory, advisories, feed or scan");
            err.print("Usage: java -jar patchflow.jar " + USAGE);
            return PatchflowCli.BAD_INPUT;
        }
        if ("--help".equals(args[0]) || "-h".equals(args[0])) {
            out.print("Usage: java -jar patchflow.jar " + USAGE);
            return PatchflowCli.OK;
        }
        ImportSubcommand subcommand = SUBCOMMANDS.stream().filter(s -> s.name().equals(args[0])).findFirst()
                .orElse(null);
        if (subcommand == null) {
            err.println("patchflow import: unknown import '" + args[0] + "': use one of "
                    + SUBCOMMANDS.stream().map(ImportSubcommand::name).collect(Collectors.joining(", ")));
            err.print("Usage: java -jar patchflow.jar " + USAGE);
            return PatchflowCli.BAD_INPUT;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            refusePasswordOption(rest);
            Set<String> options = new HashSet<>(subcommand.options());
            options.addAll(ServerConnection.OPTIONS);
            CommandLine line = CommandLine.parse(rest, options, Set.of(), subcommand.flags());
            if (line.help()) {
                out.print("Usage: java -jar patchflow.jar " + subcommand.usage() + COMMON);
                return PatchflowCli.OK;
            }
            PatchflowClient client = new PatchflowClient(ServerConnection.from(line, env));
            return subcommand.run(line, client, out, err);
        } catch (UsageException e) {
            err.println(subcommand.command() + ": " + e.getMessage());
            err.print("Usage: java -jar patchflow.jar " + subcommand.usage() + COMMON);
            return PatchflowCli.BAD_INPUT;
        } catch (BadInputException e) {
            err.println(subcommand.command() + ": " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            return PatchflowCli.BAD_INPUT;
        } catch (ServerUnreachableException e) {
            err.println(subcommand.command() + ": " + e.getMessage());
            return PatchflowCli.FAILED;
        } catch (UncheckedIOException e) {
            err.println(subcommand.command() + ": " + e.getCause());
            return PatchflowCli.FAILED;
        }
    }

    /** A secret in the arguments would be visible to every user of the machine (ps) and kept in shell history. */
    private static void refusePasswordOption(String[] args) {
        for (String arg : args) {
            if (arg.equals("--password") || arg.startsWith("--password=")) {
                throw new UsageException("a password is never given on the command line (ps and the shell history "
                        + "would show it): set $PATCHFLOW_PASSWORD or use --password-file FILE");
            }
            if (arg.equals("--token") || arg.startsWith("--token=")) {
                throw new UsageException("a token is never given on the command line (ps and the shell history "
                        + "would show it): set $PATCHFLOW_TOKEN or use --token-file FILE");
            }
        }
    }
}
