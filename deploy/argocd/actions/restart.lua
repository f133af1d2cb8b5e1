-- Restart the VM once: a new spec.restartRequestedAt (RFC 3339, UTC) is a new request. os is
-- Argo CD's safe os library (time and date only).
local os = require("os")
obj.spec.restartRequestedAt = os.date("!%Y-%m-%dT%H:%M:%SZ")
return obj
