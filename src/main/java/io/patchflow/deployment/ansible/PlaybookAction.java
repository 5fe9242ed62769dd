package io.patchflow.deployment.ansible;

/** What a run does: patch (Patchflow's patch playbook or the group's), or roll back to recorded versions. */
enum PlaybookAction {
    PATCH("patch", "patch.yml"), ROLLBACK("rollback", "patch.yml"), REFRESH("refresh", "refresh.yml");

    private final String variable;
    private final String playbook;

    PlaybookAction(String variable, String playbook) {
        this.variable = variable;
        this.playbook = playbook;
    }

    /** The value of the {@code patchflow_action} host variable. */
    String variable() {
        return variable;
    }

    /** Patchflow's own playbook for the action, under {@code classpath:ansible/}. */
    String playbook() {
        return playbook;
    }
}
