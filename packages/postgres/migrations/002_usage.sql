-- Model tokens per reply, for usage reports and per-user daily budgets. No foreign key to the
-- thread: deleting a thread does not take back what its replies cost. `estimated` marks a reply
-- stopped before the model reported its own counts (its tokens were estimated).
CREATE TABLE chatwire_usage (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL,
  thread_id text NOT NULL,
  model text NOT NULL,
  requests integer NOT NULL CHECK (requests >= 0),
  input_tokens bigint NOT NULL CHECK (input_tokens >= 0),
  output_tokens bigint NOT NULL CHECK (output_tokens >= 0),
  estimated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A user's spend since a moment (the budget check, once per reply) and their daily report.
CREATE INDEX chatwire_usage_by_user_time ON chatwire_usage (user_id, created_at);
-- Everyone's usage over a window (the operator's report).
CREATE INDEX chatwire_usage_by_time ON chatwire_usage (created_at);
