-- Every audit head the service accepted from a device. A request whose head
-- is behind the stored one but was accepted before is a late copy of an old
-- request (a retry that overtook it), not a rolled-back laptop: it is refused
-- without flagging the device. A restored vault cannot show an accepted head
-- again, since unlocking it adds an entry to its log.
CREATE TABLE device_anchor (
    device_id TEXT NOT NULL REFERENCES device (id),
    count     INTEGER NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (device_id, count)
) STRICT;

INSERT INTO device_anchor (device_id, count, hash)
SELECT id, anchor_count, anchor_hash FROM device WHERE anchor_count IS NOT NULL;
