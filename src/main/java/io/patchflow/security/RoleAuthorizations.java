package io.patchflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.springframework.stereotype.Component;

/**
 * Camunda authorizations for Patchflow's roles. Task access itself comes from candidate groups (the engine grants
 * a task's candidate group read and work on it), so a tester never sees a CAB task. On top of that:
 * <ul>
 * <li>everyone with a role may use Tasklist and its shared filters;</li>
 * <li>operators and change managers may watch processes in Cockpit; change managers may also work any task;</li>
 * <li>compliance officers may read every process, task, decision and their history, and change nothing;</li>
 * <li>administrators ({@code patchflow-admins}, Camunda's {@code camunda-admin}) have every permission.</li>
 * </ul>
 * Applied at every start; missing permissions are added to existing grants, nothing is taken away.
 */
@Component
public class RoleAuthorizations {

    public static final String CAMUNDA_ADMIN = "camunda-admin";

    private final AuthorizationService authorizations;

    RoleAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    public void apply() {
        for (String group : Roles.ALL) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, "*", Permissions.READ);
            // Tasklist shows the diagram of a task's process: reading the model reveals no instance data.
            grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
        }
        for (String group : List.of(Roles.OPERATORS, Roles.CHANGE_MANAGERS, Roles.COMPLIANCE_OFFICERS, Roles.ADMINS)) {
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE);
            grant(group, Resources.PROCESS_INSTANCE, "*", ProcessInstancePermissions.READ);
            grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
            grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
        }
        grant(Roles.COMPLIANCE_OFFICERS, Resources.TASK, "*", TaskPermissions.READ, TaskPermissions.READ_HISTORY);
        grant(Roles.CHANGE_MANAGERS, Resources.TASK, "*", TaskPermissions.READ, TaskPermissions.TASK_WORK,
                TaskPermissions.READ_HISTORY);
        // Camunda applies authorization checks to queries even for camunda-admin; administrators get every
        // permission on every resource, as Camunda's own first-admin setup grants.
        for (String group : List.of(Roles.ADMINS, CAMUNDA_ADMIN)) {
            for (Resources resource : Resources.values()) {
                grant(group, resource, "*", Permissions.ALL);
            }
        }
    }

    /** Adds the permissions to the group's grant on the resource, creating the grant when there is none. */
    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).list().stream()
                .findFirst().orElse(null);
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = authorization.getId() == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }

}
