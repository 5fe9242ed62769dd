package io.patchflow.itsm.local;

import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import io.patchflow.itsm.TicketStatus;
import io.patchflow.itsm.TicketSystem;
import io.patchflow.shared.ConflictException;
import io.patchflow.shared.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ticket system built into Patchflow, for installations without Jira. Opening a ticket commits on its own, as a
 * call to Jira would: a process job that opens a ticket and then fails leaves the ticket in place, and its retry
 * finds it again instead of opening a second one. Comments and transitions join the caller's transaction (they
 * commit on their own only without one): the ticket lives in the same database as the decision an update reports,
 * so the two commit together and the update needs no queue ({@link #updatesInCallersTransaction}).
 */
@Service
@OnLocalTicketRegister
class LocalTicketRegister implements TicketSystem {

    static final String SYSTEM = "local";

    private final TicketStore tickets;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate callersTransaction;

    LocalTicketRegister(TicketStore tickets, PlatformTransactionManager transactions) {
        this.tickets = tickets;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.callersTransaction = new TransactionTemplate(transactions);
        this.callersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    @Override
    public boolean updatesInCallersTransaction(TicketRef ref) {
        return SYSTEM.equals(ref.system());
    }

    @Override
    public TicketRef open(TicketRequest request) {
        return tickets.byChange(request.changeId()).map(LocalTicketRegister::ref).orElseGet(() -> create(request));
    }

    private TicketRef create(TicketRequest request) {
        try {
            return ref(ownTransaction.execute(status -> {
                StoredTicket ticket = tickets.insert(request, now());
                tickets.addEvent(ticket.id(), new TicketEvent(ticket.createdAt(), TicketEvent.CREATED, "patchflow",
                        request.title(), null, TicketStatus.OPEN.name()));
                return ticket;
            }));
        } catch (DuplicateKeyException openedMeanwhile) {
            // Another retry of the same job won the race; its ticket is the change's ticket.
            return tickets.byChange(request.changeId()).map(LocalTicketRegister::ref).orElseThrow(
                    () -> openedMeanwhile);
        }
    }

    @Override
    public void comment(TicketRef ref, String author, String text) {
        requireText("author", author);
        requireText("text", text);
        callersTransaction.executeWithoutResult(status -> {
            StoredTicket ticket = lockedTicket(ref);
            Instant now = now();
            tickets.addEvent(ticket.id(), new TicketEvent(now, TicketEvent.COMMENT, author, text, null, null));
            tickets.touch(ticket.id(), now);
        });
    }

    @Override
    public boolean hasComment(TicketRef ref, String marker) {
        StoredTicket ticket = ticket(ref);
        return tickets.events(ticket.id()).stream()
                .anyMatch(e -> TicketEvent.COMMENT.equals(e.type()) && e.text() != null && e.text().contains(marker));
    }

    /** The register keeps no links: the evidence becomes a comment naming where it is. */
    @Override
    public void linkEvidence(TicketRef ref, String title, String url, String summary) {
        comment(ref, "patchflow", title + ": " + url + (summary == null ? "" : "\n" + summary));
    }

    @Override
    public void transition(TicketRef ref, String status, String author, String reason) {
        requireText("author", author);
        TicketStatus target = parse(status);
        // A refused move is thrown only after the template returned: thrown inside it, it would mark the caller's
        // transaction rollback-only, and the caller may well go on (it comments instead, see UpdateDelivery).
        StoredTicket refused = callersTransaction.execute(tx -> {
            StoredTicket ticket = lockedTicket(ref);
            if (ticket.status() == target) {
                return null; // a retried job repeating its transition: already done
            }
            if (ticket.status().isFinal()) {
                return ticket;
            }
            Instant now = now();
            tickets.addEvent(ticket.id(), new TicketEvent(now, TicketEvent.TRANSITION, author, reason,
                    ticket.status().name(), target.name()));
            tickets.changeStatus(ticket.id(), target, now);
            return null;
        });
        if (refused != null) {
            throw new ConflictException("Ticket " + refused.key() + " is " + refused.status()
                    + ", a final status; it cannot move to " + target);
        }
    }

    static TicketRef ref(StoredTicket ticket) {
        return new TicketRef(SYSTEM, ticket.key(), TicketController.PATH_PREFIX + ticket.key());
    }

    private StoredTicket lockedTicket(TicketRef ref) {
        return find(ref, tickets::lock);
    }

    private StoredTicket ticket(TicketRef ref) {
        return find(ref, tickets::byId);
    }

    private StoredTicket find(TicketRef ref, LongFunction<Optional<StoredTicket>> read) {
        if (!SYSTEM.equals(ref.system())) {
            throw new IllegalArgumentException("Ticket " + ref.key() + " belongs to system '" + ref.system()
                    + "', not to the built-in register");
        }
        return TicketKey.idOf(ref.key()).stream().boxed().findFirst().flatMap(read::apply)
                .orElseThrow(() -> new NotFoundException("There is no ticket " + ref.key()));
    }

    private static TicketStatus parse(String status) {
        try {
            return TicketStatus.valueOf(status == null ? "" : status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown ticket status '" + status + "'; known: "
                    + Arrays.toString(TicketStatus.values()), e);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A ticket " + name + " must not be blank");
        }
    }

    // Microseconds: what the database keeps, so a ticket read back equals the one returned.
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
