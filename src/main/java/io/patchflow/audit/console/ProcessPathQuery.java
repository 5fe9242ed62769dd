package io.patchflow.audit.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The path a change's process actually took, from Camunda's history tables (read with SQL: Community Edition has no
 * history view, and only the change module may use the engine's API). Each diagram is one process instance, the
 * lifecycle first, then each staged rollout it called, with the model version that instance ran and the
 * activities it passed through (finished or still active) in order.
 */
@Repository
class ProcessPathQuery {

    /** One process instance's diagram and path. */
    record Diagram(String processInstanceId, String definitionKey, String definitionId, String calledBy,
            List<String> completed, List<String> active, String bpmnXml) {
    }

    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    private final JdbcClient jdbc;

    ProcessPathQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Diagram> diagrams(String processInstanceId) {
        List<Diagram> diagrams = new ArrayList<>();
        collect(processInstanceId, null, diagrams, 0);
        return diagrams;
    }

    private void collect(String instanceId, String calledBy, List<Diagram> diagrams, int depth) {
        List<Map<String, Object>> steps = jdbc.sql("SELECT act_id_, act_type_, proc_def_id_, proc_def_key_, end_time_, "
                        + "call_proc_inst_id_ FROM act_hi_actinst WHERE proc_inst_id_ = :id "
                        + "ORDER BY start_time_, sequence_counter_")
                .param("id", instanceId)
                .query((rs, row) -> {
                    Map<String, Object> step = new LinkedHashMap<>();
                    step.put("activity", rs.getString(1));
                    step.put("type", rs.getString(2));
                    step.put("definitionId", rs.getString(3));
                    step.put("definitionKey", rs.getString(4));
                    step.put("ended", rs.getObject(5) != null);
                    step.put("called", rs.getString(6));
                    return step;
                })
                .list();
        if (steps.isEmpty()) {
            return;
        }
        String definitionId = (String) steps.get(0).get("definitionId");
        List<String> completed = new ArrayList<>();
        List<String> active = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            // A multi-instance activity also has a body ("cabVote#multiInstanceBody"); on the diagram both are "cabVote".
            String activity = ((String) step.get("activity")).replace(MULTI_INSTANCE_BODY, "");
            List<String> into = Boolean.TRUE.equals(step.get("ended")) ? completed : active;
            if (!into.contains(activity)) {
                into.add(activity);
            }
        }
        diagrams.add(new Diagram(instanceId, (String) steps.get(0).get("definitionKey"), definitionId, calledBy,
                completed, active, xml(definitionId).orElse(null)));
        // Depth-limited: a model that calls itself must not make a request loop forever.
        if (depth < 3) {
            steps.stream().filter(s -> s.get("called") != null)
                    .forEach(s -> collect((String) s.get("called"), (String) s.get("activity"), diagrams, depth + 1));
        }
    }

    private Optional<String> xml(String definitionId) {
        return jdbc.sql("SELECT b.bytes_ FROM act_re_procdef d JOIN act_ge_bytearray b ON b.deployment_id_ = "
                        + "d.deployment_id_ AND b.name_ = d.resource_name_ WHERE d.id_ = :id")
                .param("id", definitionId)
                .query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
                .optional();
    }
}
