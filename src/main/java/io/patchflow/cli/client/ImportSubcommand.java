package io.patchflow.cli.client;

import io.patchflow.cli.options.CommandLine;
import java.io.PrintStream;
import java.util.Set;

/** One {@code patchflow import <what>} command: its options, its usage, and what it sends. */
abstract class ImportSubcommand {

    /** The word after {@code import}: {@code inventory}, {@code advisories}, ... */
    abstract String name();

    /** Its usage, without the common options (which {@link ImportCommand} adds). */
    abstract String usage();

    /** Options of its own, with a value. */
    Set<String> options() {
        return Set.of();
    }

    /** Options of its own without a value. */
    Set<String> flags() {
        return Set.of();
    }

    /** Sends what the command line names; answers the exit code. */
    abstract int run(CommandLine line, PatchflowClient client, PrintStream out, PrintStream err)
            throws ServerUnreachableException;

    /** "patchflow import inventory", the prefix of every message. */
    final String command() {
        return "patchflow import " + name();
    }
}
