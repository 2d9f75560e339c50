-- Chatwire's tables. Every key starts with user_id: each user is a namespace, so two users may
-- hold the same thread, item or attachment id without touching each other's rows.
-- Rows keep the protocol object as given in `data`; the other columns exist for queries.
-- `created_at` is the parsed instant (for ordering); `seq` breaks ties in insertion order.
-- Both are set on first insert and never change, so a replaced row keeps its place.

CREATE TABLE chatwire_threads (
  user_id text NOT NULL,
  id text NOT NULL,
  created_at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL,
  PRIMARY KEY (user_id, id)
);
CREATE INDEX chatwire_threads_by_user_order ON chatwire_threads (user_id, created_at, seq);

CREATE TABLE chatwire_items (
  user_id text NOT NULL,
  thread_id text NOT NULL,
  id text NOT NULL,
  type text NOT NULL,
  created_at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  data jsonb NOT NULL,
  PRIMARY KEY (user_id, thread_id, id),
  FOREIGN KEY (user_id, thread_id) REFERENCES chatwire_threads (user_id, id) ON DELETE CASCADE
);
-- Keyset pagination of a thread's items, in both directions.
CREATE INDEX chatwire_items_by_thread_order ON chatwire_items (user_id, thread_id, created_at, seq);

CREATE TABLE chatwire_attachments (
  user_id text NOT NULL,
  id text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (user_id, id)
);

-- Thumbs up/down, one row per item rated. Deleting a thread deletes its feedback; deleting an
-- item (a retry does) keeps it, since a bad answer that was retried is what product teams want to see.
CREATE TABLE chatwire_feedback (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  thread_id text NOT NULL,
  item_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('positive', 'negative')),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (user_id, thread_id) REFERENCES chatwire_threads (user_id, id) ON DELETE CASCADE
);
CREATE INDEX chatwire_feedback_by_user ON chatwire_feedback (user_id, id);
CREATE INDEX chatwire_feedback_by_thread ON chatwire_feedback (user_id, thread_id, id);
CREATE INDEX chatwire_feedback_by_time ON chatwire_feedback (created_at);
