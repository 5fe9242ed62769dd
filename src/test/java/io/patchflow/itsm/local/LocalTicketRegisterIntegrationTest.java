package io.patchflow.itsm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.audit.AuditEntry;
import io.patchflow.audit.AuditTrail;
import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import io.patchflow.itsm.TicketSystem;
import io.patchflow.itsm.TicketUpdates;
import io.patchflow.shared.ConflictException;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;

class LocalTicketRegisterIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    TicketSystem tickets;

    @Autowired
    MockMvc mvc;

    @Autowired
    TicketStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TicketUpdates updates;

    @Autowired
    AuditTrail audit;

    @Test
    void theBuiltInRegisterIsTheTicketSystemWhenNoOtherIsConfigured() {
        assertThat(tickets).isInstanceOf(LocalTicketRegister.class);
    }

    @Test
    void openingTwiceForOneChangeReturnsTheSameTicket() {
        TicketRequest request = request(newChangeId());

        TicketRef first = tickets.open(request);
        TicketRef again = tickets.open(request);

        assertThat(again).isEqualTo(first);
        assertThat(first.system()).isEqualTo("local");
        assertThat(first.key()).matches("PF-\\d+");
        assertThat(ticketsFor(request.changeId())).isEqualTo(1);
    }

    @Test
    void concurrentRetriesOpenOneTicket() throws Exception {
        TicketRequest request = request(newChangeId());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<TicketRef>> opens = IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<TicketRef>) () -> tickets.open(request)).toList();
            List<TicketRef> refs = pool.invokeAll(opens).stream().map(LocalTicketRegisterIntegrationTest::done)
                    .toList();

            assertThat(refs).containsOnly(refs.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(ticketsFor(request.changeId())).isEqualTo(1);
    }

    @Test
    void aTicketOpenedByAJobThatRollsBackIsFoundByTheRetry() {
        TicketRequest request = request(newChangeId());

        TicketRef opened = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            return tickets.open(request);
        });

        assertThat(tickets.open(request)).isEqualTo(opened);
    }

    @Test
    void commentsAndTransitionsAreShownInTheOrderTheyHappened() throws Exception {
        TicketRef ref = tickets.open(request(newChangeId()));
        tickets.comment(ref, "bob", "Tested on the canary ring");
        tickets.transition(ref, "IN_PROGRESS", "erin", "Rollout started");
        tickets.comment(ref, "erin", "Ring 1 done");
        tickets.transition(ref, "RESOLVED", "erin", "All hosts patched");

        mvc.perform(get("/api/v1/tickets/{key}", ref.key()).with(user("bob").roles("patch-testers")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.key").value(ref.key()))
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.slaDue").value("2025-07-01"))
                .andExpect(jsonPath("$.affectedHosts").value(12))
                .andExpect(jsonPath("$.events[*].type",
                        contains("CREATED", "COMMENT", "TRANSITION", "COMMENT", "TRANSITION")))
                .andExpect(jsonPath("$.events[*].author", contains("patchflow", "bob", "erin", "erin", "erin")))
                .andExpect(jsonPath("$.events[2].fromStatus").value("OPEN"))
                .andExpect(jsonPath("$.events[2].toStatus").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.events[4].text").value("All hosts patched"));
    }

    @Test
    void repeatingATransitionRecordsItOnce() {
        TicketRef ref = tickets.open(request(newChangeId()));

        tickets.transition(ref, "CLOSED", "erin", "Done");
        tickets.transition(ref, "CLOSED", "erin", "Done");

        assertThat(eventsOf(ref)).extracting(TicketEvent::type).containsExactly("CREATED", "TRANSITION");
    }

    @Test
    void aTicketInAFinalStatusCannotMoveOn() {
        TicketRef ref = tickets.open(request(newChangeId()));
        tickets.transition(ref, "CANCELLED", "erin", "Change withdrawn");

        assertThatThrownBy(() -> tickets.transition(ref, "IN_PROGRESS", "erin", "Oops"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("CANCELLED");
    }

    @Test
    void anUnknownStatusIsRefused() {
        TicketRef ref = tickets.open(request(newChangeId()));

        assertThatThrownBy(() -> tickets.transition(ref, "DONE-ISH", "erin", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REJECTED");
    }

    @Test
    void anUnknownKeyIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/v1/tickets/{key}", "PF-999999999").with(user("bob").roles("patch-testers")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("PF-999999999")));
        mvc.perform(get("/api/v1/tickets/{key}", "JIRA-1").with(user("bob").roles("patch-testers")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUpdateOfABuiltInTicketCommitsWithTheDecisionItReportsAndNeedsNoQueue() {
        String change = newChangeId();
        TicketRef ref = tickets.open(request(change));

        inTransaction(rollBack -> {
            updates.comment(change, ref, "carol", "Approved");
            rollBack.setRollbackOnly();
        });
        assertThat(eventsOf(ref)).as("a decision that rolled back").extracting(TicketEvent::type)
                .containsExactly("CREATED");

        inTransaction(commit -> {
            updates.comment(change, ref, "carol", "Approved");
            updates.transition(change, ref, "IN_PROGRESS", "patchflow", "Rollout started");
        });
        assertThat(eventsOf(ref)).extracting(TicketEvent::type).containsExactly("CREATED", "COMMENT", "TRANSITION");
        assertThat(eventsOf(ref).get(1).text()).as("written once: no retry marker").isEqualTo("Approved");
        assertThat(queued(change)).isZero();
    }

    @Test
    void aTransitionRefusedByAFinalStatusBecomesACommentAndTheDecisionStillCommits() {
        String change = newChangeId();
        TicketRef ref = tickets.open(request(change));
        tickets.transition(ref, "CLOSED", "service-desk", "closed by hand");

        inTransaction(decision -> updates.transition(change, ref, "CANCELLED", "erin", "no longer needed"));

        assertThat(eventsOf(ref)).extracting(TicketEvent::type).containsExactly("CREATED", "TRANSITION", "COMMENT");
        assertThat(eventsOf(ref).get(2).text()).contains("CANCELLED", "no longer needed");
        assertThat(audit.forChange(change)).extracting(AuditEntry::kind).containsExactly("ticket.transition-skipped");
    }

    @Test
    void anUpdateWaitsBehindTheUpdatesOfItsChangeStillInTheQueue() {
        String change = newChangeId();
        TicketRef ref = tickets.open(request(change));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO itsm_outbox (change_id, ticket_system, ticket_key, kind, author, body, state, attempts, "
                + "next_attempt_at, created_at) VALUES (?, 'local', ?, 'COMMENT', 'erin', 'older', 'STALLED', 10, ?, ?)")
                .params(change, ref.key(), now, now).update();

        inTransaction(decision -> updates.comment(change, ref, "carol", "newer"));

        assertThat(eventsOf(ref)).extracting(TicketEvent::type).containsExactly("CREATED");
        assertThat(queued(change)).isEqualTo(2);
    }

    private void inTransaction(Consumer<TransactionStatus> work) {
        new TransactionTemplate(transactions).executeWithoutResult(work);
    }

    private long queued(String changeId) {
        return jdbc.sql("SELECT COUNT(*) FROM itsm_outbox WHERE change_id = :changeId").param("changeId", changeId)
                .query(Long.class).single();
    }

    private List<TicketEvent> eventsOf(TicketRef ref) {
        return store.events(TicketKey.idOf(ref.key()).orElseThrow());
    }

    private long ticketsFor(String changeId) {
        return jdbc.sql("SELECT COUNT(*) FROM itsm_ticket WHERE change_id = :changeId").param("changeId", changeId)
                .query(Long.class).single();
    }

    private static TicketRequest request(String changeId) {
        return new TicketRequest(changeId, "Patch openssl on web servers", "P2", "normal", 12,
                LocalDate.of(2025, 7, 1), "CVE-2024-0001 on 12 hosts");
    }

    private static String newChangeId() {
        return "CHG-T" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static <T> T done(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
