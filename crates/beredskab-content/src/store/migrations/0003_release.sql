-- A pack that came as a signed release remembers which one and who published
-- it (JSON: number, publisher, published_at, key_id); NULL for other sources.
ALTER TABLE pack_slot ADD COLUMN release TEXT;
