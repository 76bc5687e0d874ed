-- cwo schema, version 2 (PostgreSQL only): the work queue and the fleet of processes that share it.
-- SQLite has no version 2: it serves one process, and its migrations are a separate location.

-- One row per YearMake unit offered to the fleet. A unit is claimed with FOR UPDATE SKIP LOCKED,
-- held by a lease (owner + lease_until, renewed by heartbeats) and marked done only after all its
-- results are stored. Times are the database server's clock, so the processes' clocks do not matter.
CREATE TABLE work_unit (
  year        INTEGER NOT NULL,
  make        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'leased', 'done', 'parked')),
  owner       TEXT,                  -- who holds the lease (leased), or held it last
  lease_until TIMESTAMPTZ,           -- the lease ends then unless renewed
  attempts    INTEGER NOT NULL DEFAULT 0, -- claims that did not end in done or a clean release
  last_error  TEXT,                  -- why the last attempt ended without done
  offered_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_at  TIMESTAMPTZ,
  done_at     TIMESTAMPTZ,
  PRIMARY KEY (year, make)
);

CREATE INDEX work_unit_open ON work_unit (state, lease_until) WHERE state IN ('pending', 'leased');

-- The live processes of the fleet and their share of the site's rate budget. A member writes
-- last_seen on every heartbeat; one not seen for a lease duration is gone and its share is free.
-- share is what the member may send to each host (requests/s); a member raises it only while the
-- sum over live members stays within the smallest budget among them, and cuts it locally before
-- it records the cut.
CREATE TABLE fleet_member (
  owner      TEXT PRIMARY KEY,
  host       TEXT NOT NULL,
  pid        BIGINT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen  TIMESTAMPTZ NOT NULL DEFAULT now(),
  ttl_ms     BIGINT NOT NULL,
  budget     DOUBLE PRECISION,       -- requests/s per host for the whole fleet; null: no rate sharing
  share      DOUBLE PRECISION NOT NULL DEFAULT 0
);
