package io.patchflow.security;

import java.util.List;

/**
 * The groups Patchflow knows. They are Camunda groups in the embedded default and Keycloak groups later; a
 * group is a Spring Security role of the same name ({@code ROLE_cab}).
 */
public final class Roles {

    public static final String OPERATORS = "patch-operators";
    public static final String TESTERS = "patch-testers";
    public static final String CAB = "cab";
    public static final String ECAB = "ecab";
    public static final String CHANGE_MANAGERS = "change-managers";
    public static final String COMPLIANCE_OFFICERS = "compliance-officers";
    public static final String ADMINS = "patchflow-admins";

    public static final List<String> ALL = List.of(OPERATORS, TESTERS, CAB, ECAB, CHANGE_MANAGERS,
            COMPLIANCE_OFFICERS, ADMINS);

    private Roles() {
    }
}
