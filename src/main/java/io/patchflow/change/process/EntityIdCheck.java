package io.patchflow.change.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda checks the id of every entity it inserts ({@code DbEntityManager#validateId}: not null, not "*") with an
 * error message it builds before the check, from the entity's {@code toString()}: every field of every history row,
 * variable and job the engine writes, about 5 % of the job executor's CPU in the lifecycle benchmark
 * (docs/benchmarks.md), for a message that is thrown away unless the id is wrong. The engine here makes the same
 * check and builds the same message only when the check fails.
 */
@Component
class EntityIdCheck extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // After init: the engine's own factory is registered by then, with the id generator it chose.
        configuration.getSessionFactories().put(DbEntityManager.class, new Factory(configuration.getIdGenerator()));
    }

    static final class Factory extends DbEntityManagerFactory {

        Factory(IdGenerator idGenerator) {
            super(idGenerator);
        }

        @Override
        public DbEntityManager openSession() {
            return new CheckingEntityManager(idGenerator,
                    Context.getCommandContext().getSession(PersistenceSession.class));
        }
    }

    static final class CheckingEntityManager extends DbEntityManager {

        CheckingEntityManager(IdGenerator idGenerator, PersistenceSession persistenceSession) {
            super(idGenerator, persistenceSession);
        }

        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity); // Camunda's own exception and message
            }
        }
    }
}
