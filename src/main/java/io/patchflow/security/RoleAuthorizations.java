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
 * <li>administrators are members of Camunda's {@code camunda-admin} group, which may do everything.</li>
 * </ul>
 * Applied at every start; grants that exist already are left as they are.
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
        grant(Roles.ADMINS, Resources.APPLICATION, "admin", Permissions.ACCESS);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

}
