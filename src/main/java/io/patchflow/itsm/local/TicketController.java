package io.patchflow.itsm.local;

import io.patchflow.shared.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Shows a ticket of the built-in register to anyone with a Patchflow role. */
@RestController
@OnLocalTicketRegister
class TicketController {

    static final String PATH_PREFIX = "/api/v1/tickets/";

    private final TicketStore tickets;

    TicketController(TicketStore tickets) {
        this.tickets = tickets;
    }

    @GetMapping(PATH_PREFIX + "{key}")
    TicketView show(@PathVariable String key) {
        StoredTicket ticket = TicketKey.idOf(key).stream().boxed().findFirst().flatMap(tickets::byId)
                .orElseThrow(() -> new NotFoundException("There is no ticket " + key
                        + "; keys of the built-in register look like PF-1"));
        return TicketView.of(ticket, tickets.events(ticket.id()));
    }
}
