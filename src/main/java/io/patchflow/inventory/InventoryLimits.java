package io.patchflow.inventory;

/**
 * How much one inventory upload may hold, so that a hostile or mistaken file cannot exhaust memory: the bytes read,
 * the packages of one host and the hosts of one upload. Exceeding one raises {@link InventoryTooLargeException}.
 */
public record InventoryLimits(long maxBytes, int maxPackagesPerHost, int maxHosts) {

    /** What the server allows unless configured otherwise ({@code patchflow.inventory.*}). */
    public static final InventoryLimits DEFAULTS = new InventoryLimits(100L * 1024 * 1024, 50_000, 20_000);

    /** No limit: for a file the operator reads on their own machine (the offline CLI), not for uploads. */
    public static final InventoryLimits UNBOUNDED = new InventoryLimits(Long.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE);

    public InventoryLimits {
        if (maxBytes <= 0 || maxPackagesPerHost <= 0 || maxHosts <= 0) {
            throw new IllegalArgumentException("inventory limits must be positive");
        }
    }
}
