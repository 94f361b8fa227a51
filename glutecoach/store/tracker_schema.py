"""The log's version 3 table: every row of a tracker's export, as store.foreign reads and writes it."""

# Version 3: every row of a tracker's export is kept as the record it was read into (store.foreign).
# entry_id links a record to the glutecoach entry made from it; NULL marks a *foreign* entry: a name
# glutecoach does not know (bench press, a run), kept, listed and exported back, never in `entries`,
# so nothing that reads entries (progress, plan next, volume) ever counts it.
TRACKER_RECORDS = """
    CREATE TABLE tracker_records (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('strong', 'hevy', 'fitnotes')),
        record TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        entry_id INTEGER REFERENCES entries(id) ON DELETE CASCADE,
        entry_fingerprint TEXT
    );
    CREATE INDEX tracker_records_by_date ON tracker_records(date, id);
    CREATE INDEX tracker_records_by_name ON tracker_records(name_key);
    CREATE INDEX tracker_records_by_fingerprint ON tracker_records(fingerprint);
    CREATE INDEX tracker_records_by_entry ON tracker_records(entry_id)
"""
