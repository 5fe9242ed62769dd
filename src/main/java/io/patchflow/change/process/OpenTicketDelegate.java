package io.patchflow.change.process;

import static io.patchflow.change.process.LifecycleVariables.*;

import io.patchflow.change.internal.ChangeTickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stage 3: opens the ITSM ticket (idempotent: a retried job finds the ticket it opened before). */
@Component
class OpenTicketDelegate implements JavaDelegate {

    private final ChangeTickets tickets;

    OpenTicketDelegate(ChangeTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(TICKET_KEY, tickets.open(changeId(execution)));
    }
}
