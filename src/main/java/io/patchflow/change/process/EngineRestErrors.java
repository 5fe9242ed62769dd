package io.patchflow.change.process;

import io.patchflow.shared.BadInputException;
import io.patchflow.shared.ConflictException;
import io.patchflow.shared.RuleViolationException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * The engine REST API (used by Tasklist and API clients) reports Patchflow's refusals as what they are: a wrong
 * form field is 400, a separation-of-duties refusal 403, a conflict 409, in Camunda's error format plus the field
 * or rule. Camunda would answer all of them with 500, which tells a client nothing it can act on.
 */
@Component
class EngineRestErrors extends CamundaJerseyResourceConfig {

    @Override
    protected void registerAdditionalResources() {
        register(RestErrors.class);
        register(EngineErrors.class);
    }

    @Priority(1)
    public static class RestErrors implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException e) {
            Response domain = domainResponse(e);
            return domain != null ? domain : new RestExceptionHandler().toResponse(e);
        }
    }

    @Priority(1)
    public static class EngineErrors implements ExceptionMapper<ProcessEngineException> {
        @Override
        public Response toResponse(ProcessEngineException e) {
            Response domain = domainResponse(e);
            return domain != null ? domain : new ProcessEngineExceptionHandler().toResponse(e);
        }
    }

    static Response domainResponse(Throwable e) {
        RuntimeException cause = DomainFailure.in(e);
        if (cause == null) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", cause.getClass().getSimpleName());
        body.put("message", cause.getMessage());
        int status;
        if (cause instanceof BadInputException bad) {
            status = 400;
            body.put("field", bad.field());
        } else if (cause instanceof RuleViolationException rule) {
            status = 403;
            body.put("rule", rule.rule());
        } else if (cause instanceof ConflictException) {
            status = 409;
        } else {
            status = 404;
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
