package io.patchflow.audit.internal;

import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remembers which transaction on this thread holds the chain head's lock. A transaction that appended and then
 * starts a new transaction to append again (recordIndependently inside record's transaction) would wait for its
 * own lock forever; this turns that hang into an exception that says what happened.
 */
@Component
class HeadLockOwnership {

    private final DataSource dataSource;

    HeadLockOwnership(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Called before locking the head, inside the transaction that will hold the lock. */
    void claim() {
        Object current = TransactionSynchronizationManager.getResource(dataSource);
        Object owner = TransactionSynchronizationManager.getResource(this);
        if (owner != null && owner != current) {
            throw new IllegalStateException("An audit entry was recorded in a transaction that is now suspended, "
                    + "and this thread tries to append again in a new transaction: it would wait for its own lock. "
                    + "Call recordIndependently before record in the same transaction, or use record only.");
        }
        if (owner == null && current != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.bindResource(this, current);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HeadLockOwnership.this);
                }
            });
        }
    }
}
