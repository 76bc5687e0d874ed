-- cwo schema, version 1. Keys are the site's names exactly; unique keys make duplicates impossible.

CREATE TABLE vehicle (
  year              INTEGER NOT NULL,
  make              TEXT NOT NULL,
  model             TEXT NOT NULL,
  trim              TEXT NOT NULL,
  drive             TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('ok', 'no_data')),
  chassis_id        TEXT,
  vehicle_type      TEXT,
  body_type         TEXT,
  bolt_pattern_inch TEXT,
  bolt_pattern_mm   TEXT,
  hub_bore_mm       TEXT,
  lug_type          TEXT,
  lug_size          TEXT,
  stock_tire_size   TEXT,
  staggered         BOOLEAN,
  raw_json          TEXT NOT NULL,
  complete          BOOLEAN NOT NULL DEFAULT FALSE,
  fetched_at        BIGINT NOT NULL,
  PRIMARY KEY (year, make, model, trim, drive)
);

CREATE TABLE combination (
  year                INTEGER NOT NULL,
  make                TEXT NOT NULL,
  model               TEXT NOT NULL,
  trim                TEXT NOT NULL,
  drive               TEXT NOT NULL,
  suspension          TEXT NOT NULL,
  modification        TEXT NOT NULL,
  rubbing             TEXT NOT NULL,
  staggered           BOOLEAN NOT NULL,
  bolt_pattern_inch   TEXT,
  bolt_pattern_mm     TEXT,
  front_diameter_text TEXT,
  front_diameter_min  NUMERIC(10,3),
  front_diameter_max  NUMERIC(10,3),
  front_width_text    TEXT,
  front_width_min     NUMERIC(10,3),
  front_width_max     NUMERIC(10,3),
  front_offset_text   TEXT,
  front_offset_min    NUMERIC(10,3),
  front_offset_max    NUMERIC(10,3),
  rear_diameter_text  TEXT,
  rear_diameter_min   NUMERIC(10,3),
  rear_diameter_max   NUMERIC(10,3),
  rear_width_text     TEXT,
  rear_width_min      NUMERIC(10,3),
  rear_width_max      NUMERIC(10,3),
  rear_offset_text    TEXT,
  rear_offset_min     NUMERIC(10,3),
  rear_offset_max     NUMERIC(10,3),
  fetched_at          BIGINT NOT NULL,
  PRIMARY KEY (year, make, model, trim, drive, suspension, modification, rubbing),
  FOREIGN KEY (year, make, model, trim, drive) REFERENCES vehicle (year, make, model, trim, drive)
);

-- One row per tree request whose answer is kept: level name, request path and children as JSON arrays.
CREATE TABLE tree_level (
  level      TEXT NOT NULL,
  path       TEXT NOT NULL,
  children   TEXT NOT NULL,
  fetched_at BIGINT NOT NULL,
  PRIMARY KEY (level, path)
);

-- The failure journal: what could not be scraped, and why.
CREATE TABLE failure (
  level       TEXT NOT NULL,
  path        TEXT NOT NULL,
  error_class TEXT NOT NULL,
  message     TEXT NOT NULL,
  attempts    INTEGER NOT NULL,
  first_seen  BIGINT NOT NULL,
  last_seen   BIGINT NOT NULL,
  PRIMARY KEY (level, path)
);
