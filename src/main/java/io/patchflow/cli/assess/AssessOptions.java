package io.patchflow.cli.assess;

import java.nio.file.Path;

/**
 * The options of {@code assess}. {@code out} is null for standard output; {@code inventoryFormat} names an
 * {@link InventoryReader} ("json" unless given).
 */
record AssessOptions(Path inventory, Path advisories, Path out, String inventoryFormat, boolean help) {

    /** Reads {@code --name value} and {@code --name=value}; anything unknown or incomplete is a usage error. */
    static AssessOptions parse(String[] args) {
        Path inventory = null;
        Path advisories = null;
        Path out = null;
        String format = InventoryReaders.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                return new AssessOptions(null, null, null, format, true);
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (!name.equals("--inventory") && !name.equals("--advisories") && !name.equals("--out")
                    && !name.equals("--inventory-format")) {
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
            switch (name) {
                case "--inventory" -> inventory = Path.of(value);
                case "--advisories" -> advisories = Path.of(value);
                case "--out" -> out = Path.of(value);
                default -> format = value;
            }
        }
        if (inventory == null) {
            throw new UsageException("--inventory FILE is required");
        }
        if (advisories == null) {
            throw new UsageException("--advisories PATH is required");
        }
        return new AssessOptions(inventory, advisories, out, format, false);
    }

    /** Wrong or missing options: the message is shown with the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
