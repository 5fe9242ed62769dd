package io.patchflow.itsm;

/** Where a change's ticket lives: the system ({@code local}, {@code jira}), its key ({@code PF-1}) and a link. */
public record TicketRef(String system, String key, String url) {

    public TicketRef {
        if (system == null || system.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("A ticket reference needs a system and a key");
        }
    }
}
