package io.patchflow.cli.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one command: options with a value ({@code --name value} or {@code --name=value}), flags
 * ({@code --internet-facing}) and positional arguments. Each command names the options it knows; anything else, a
 * value that is missing or blank, or a single-valued option given twice is a {@link UsageException}, so a typo never
 * passes silently. {@code --help} or {@code -h} anywhere asks for the usage.
 */
public final class CommandLine {

    private final Map<String, List<String>> values;
    private final Set<String> flags;
    private final List<String> positional;
    private final boolean help;

    private CommandLine(Map<String, List<String>> values, Set<String> flags, List<String> positional, boolean help) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
        this.help = help;
    }

    /**
     * Reads {@code args}. {@code single} options take one value, {@code repeatable} ones any number, {@code flagNames}
     * none.
     */
    public static CommandLine parse(String[] args, Set<String> single, Set<String> repeatable, Set<String> flagNames) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                return new CommandLine(Map.of(), Set.of(), List.of(), true);
            }
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException("option " + name + " takes no value");
                }
                flags.add(name);
                continue;
            }
            if (!single.contains(name) && !repeatable.contains(name)) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (value.isBlank()) {
                throw new UsageException("option " + name + " needs a value");
            }
            List<String> given = values.computeIfAbsent(name, n -> new ArrayList<>());
            if (!given.isEmpty() && single.contains(name)) {
                throw new UsageException("option " + name + " is given twice");
            }
            given.add(value);
        }
        return new CommandLine(values, flags, positional, false);
    }

    public boolean help() {
        return help;
    }

    /** The value of a single-valued option, or null. */
    public String value(String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.get(0);
    }

    /** The value of an option, or {@code fallback} when it is not given. */
    public String value(String name, String fallback) {
        String value = value(name);
        return value == null ? fallback : value;
    }

    /** Every value of a repeatable option, in order. */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** Refuses positional arguments beyond the first {@code allowed}. */
    public CommandLine atMostPositional(int allowed) {
        if (positional.size() > allowed) {
            throw new UsageException("unexpected argument '" + positional.get(allowed) + "'");
        }
        return this;
    }
}
