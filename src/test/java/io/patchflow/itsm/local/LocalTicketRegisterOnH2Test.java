package io.patchflow.itsm.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.itsm.TicketRef;
import io.patchflow.itsm.TicketRequest;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The register on the embedded default's database, with exactly its migration and no application around it. */
class LocalTicketRegisterOnH2Test {

    private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:itsm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final TicketStore store = new TicketStore(jdbc);
    private final LocalTicketRegister register;

    LocalTicketRegisterOnH2Test() {
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/V1_5__itsm.sql")).execute(dataSource);
        register = new LocalTicketRegister(store, new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void shutdown() {
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void openingTwiceForOneChangeReturnsTheSameTicketOnH2() {
        TicketRequest request = new TicketRequest("CHG-1", "Patch bash", "P3", "standard", 2, null, null);

        TicketRef first = register.open(request);

        assertThat(register.open(request)).isEqualTo(first);
        assertThat(first.key()).isEqualTo("PF-1");
        assertThat(register.open(new TicketRequest("CHG-2", "Patch zlib", null, null, 0, null, null)).key())
                .isEqualTo("PF-2");
    }

    @Test
    void eventsAndStatusAreStoredOnH2() {
        TicketRef ref = register.open(new TicketRequest("CHG-1", "Patch bash", "P3", "standard", 2,
                LocalDate.of(2025, 2, 28), "two hosts"));
        register.comment(ref, "bob", "Tested");
        register.transition(ref, "resolved", "erin", "Patched");

        StoredTicket ticket = store.byId(1).orElseThrow();
        assertThat(ticket.status().name()).isEqualTo("RESOLVED");
        assertThat(ticket.slaDue()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(store.events(1)).extracting(TicketEvent::type, TicketEvent::author, TicketEvent::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CREATED", "patchflow", "Patch bash"),
                        org.assertj.core.groups.Tuple.tuple("COMMENT", "bob", "Tested"),
                        org.assertj.core.groups.Tuple.tuple("TRANSITION", "erin", "Patched"));
    }
}
