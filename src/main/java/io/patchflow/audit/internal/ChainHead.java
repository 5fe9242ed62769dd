package io.patchflow.audit.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The single row that holds the end of the chain; locking it is what serialises appends. */
@Component
class ChainHead {

    /** The last entry's position and hash; {@code seq} 0 with the genesis hash before the first entry. */
    record Link(long seq, String hash) {
    }

    private final JdbcClient jdbc;
    private final HeadLockOwnership ownership;

    ChainHead(JdbcClient jdbc, HeadLockOwnership ownership) {
        this.jdbc = jdbc;
        this.ownership = ownership;
    }

    /** Locks the head until the current transaction ends and returns it as last committed. */
    Link lock() {
        ownership.claim();
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, row) -> new Link(rs.getLong(1), rs.getString(2)))
                .single();
    }

    /** The head as last committed, without locking: entries up to it are all committed. */
    Link read() {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, row) -> new Link(rs.getLong(1), rs.getString(2)))
                .single();
    }

    void advance(Link link) {
        jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                .param("seq", link.seq())
                .param("hash", link.hash())
                .update();
    }
}
