-- Replies that outlive their connection (the event bus of @chatwire/postgres). A run is one
-- streaming reply: its owner (the instance running it) renews its lease; a run whose lease ran
-- out is taken over by another instance, which keeps its partial reply and marks it failed.
-- No foreign key to the thread: a run's rows go a minute after it ends, whatever the thread does.
CREATE TABLE chatwire_runs (
  run_id text PRIMARY KEY,
  thread_id text NOT NULL,
  owner text NOT NULL,
  -- What another instance needs to act for the run's user (the user id); never a credential.
  recovery text,
  state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'completed', 'stopped', 'failed')),
  started bigint GENERATED ALWAYS AS IDENTITY,
  lease_until timestamptz NOT NULL,
  finished_at timestamptz
);
-- A thread's running reply (resume, stop).
CREATE INDEX chatwire_runs_running_by_thread ON chatwire_runs (thread_id, started) WHERE state = 'running';
-- Runs whose lease ran out (every instance looks, every few seconds).
CREATE INDEX chatwire_runs_running_by_lease ON chatwire_runs (lease_until) WHERE state = 'running';
-- Ended runs, cleared a minute after they end.
CREATE INDEX chatwire_runs_finished ON chatwire_runs (finished_at) WHERE state <> 'running';

-- Each run's events, as the client receives them, numbered from 0.
CREATE TABLE chatwire_run_events (
  run_id text NOT NULL REFERENCES chatwire_runs (run_id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 0),
  event text NOT NULL,
  PRIMARY KEY (run_id, seq)
);
