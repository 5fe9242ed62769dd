-- Issue 8: a cancelled change's running deployment stops on whichever node runs it (docs/operations.md#clustering).
-- The node that takes the cancellation writes the request here; every node running a batch of that change polls it.
CREATE TABLE dep_stop_request (
    change_id    VARCHAR(32) PRIMARY KEY,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL
);
