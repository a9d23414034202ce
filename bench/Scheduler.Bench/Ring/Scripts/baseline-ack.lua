-- The baseline's acknowledgement: one script call that does nothing, so the baseline pays the
-- same round trip per batch as the engine does.
-- KEYS: ring; ARGV: batchId
return 0
