-- Runs paused until the user approves or denies the tool calls they asked for. `id` is the approval
-- card's item id; `run_state` the agents SDK's serialized run (no credentials: the run context is
-- not part of it). A row is deleted when the decision is taken, so a run resumes at most once, and
-- with its thread.
CREATE TABLE chatwire_tool_approvals (
  user_id text NOT NULL,
  thread_id text NOT NULL,
  id text NOT NULL,
  calls jsonb NOT NULL,
  run_state text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, thread_id, id),
  FOREIGN KEY (user_id, thread_id) REFERENCES chatwire_threads (user_id, id) ON DELETE CASCADE
);
