package io.patchflow.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The embedded default's people (password = user name). Only the demo profile creates them: a real installation
 * takes its users from Keycloak.
 */
@Component
public class DemoIdentity {

    record DemoUser(String id, String firstName, String lastName, List<String> groups) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "Alice", "Operator", List.of(Roles.OPERATORS)),
            new DemoUser("bob", "Bob", "Tester", List.of(Roles.TESTERS)),
            new DemoUser("carol", "Carol", "CAB", List.of(Roles.CAB)),
            new DemoUser("dave", "Dave", "CAB", List.of(Roles.CAB)),
            new DemoUser("erin", "Erin", "ECAB", List.of(Roles.ECAB, Roles.CHANGE_MANAGERS)),
            new DemoUser("frank", "Frank", "Compliance", List.of(Roles.COMPLIANCE_OFFICERS)),
            new DemoUser("admin", "Patchflow", "Admin", List.of(Roles.ADMINS, RoleAuthorizations.CAMUNDA_ADMIN)));

    static final Map<String, String> GROUP_NAMES = Map.of(
            Roles.OPERATORS, "Patch operators", Roles.TESTERS, "Patch testers", Roles.CAB, "Change advisory board",
            Roles.ECAB, "Emergency CAB", Roles.CHANGE_MANAGERS, "Change managers",
            Roles.COMPLIANCE_OFFICERS, "Compliance officers", Roles.ADMINS, "Patchflow administrators",
            RoleAuthorizations.CAMUNDA_ADMIN, "Camunda administrators");

    private final IdentityService identity;

    DemoIdentity(IdentityService identity) {
        this.identity = identity;
    }

    /** Creates the demo groups and users that do not exist yet. */
    public void ensure() {
        GROUP_NAMES.forEach((id, name) -> {
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                Group group = identity.newGroup(id);
                group.setName(name);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
        });
        for (DemoUser demo : USERS) {
            if (identity.createUserQuery().userId(demo.id()).count() > 0) {
                continue;
            }
            User user = identity.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setPassword(demo.id());
            user.setEmail(demo.id() + "@patchflow.example");
            identity.saveUser(user);
            demo.groups().forEach(g -> identity.createMembership(demo.id(), g));
        }
    }

    public static List<String> userNames() {
        return USERS.stream().map(DemoUser::id).toList();
    }
}
