package io.patchflow.change.process;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.change.process.EntityIdCheck.CheckingEntityManager;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.junit.jupiter.api.Test;

/** The engine's entity id check refuses what Camunda's refuses, and costs nothing for a valid id. */
class EntityIdCheckTest {

    final CheckingEntityManager manager = new CheckingEntityManager(new StrongUuidGenerator(), null);

    @Test
    void aValidIdPassesWithoutTheEntityBeingPrinted() {
        assertThatCode(() -> manager.validateId(new Entity("0b7e5c1a-1111-4e5f-9a3b-2c4d5e6f7a8b")))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingOrWildcardIdIsRefusedWithCamundasMessage() {
        assertThatThrownBy(() -> manager.validateId(new Entity(null))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity printed has an invalid id");
        assertThatThrownBy(() -> manager.validateId(new Entity("*"))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity printed has an invalid id").hasMessageContaining("* is a reserved");
    }

    /** An entity that fails the test if its id check prints it while the id is valid. */
    static final class Entity implements DbEntity {

        private String id;

        Entity(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void setId(String id) {
            this.id = id;
        }

        @Override
        public Object getPersistentState() {
            return id;
        }

        @Override
        public String toString() {
            if (id != null && !"*".equals(id)) {
                throw new AssertionError("the entity was printed for a valid id");
            }
            return "printed";
        }
    }
}
