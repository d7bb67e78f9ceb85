-- When the device read its log for the newest request the service took
-- (microseconds since 1970, the device's clock). A request read earlier
-- whose head is behind is a late copy, even if the service never took it
-- (every delivery failed and the laptop went on); a restored vault reads
-- its log now, later than this.
ALTER TABLE device ADD COLUMN last_taken_at INTEGER;
