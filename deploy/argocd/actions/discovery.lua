-- The actions Argo CD offers on a VirtualMachine: start, stop and restart, each changing the spec
-- the operator then carries out (spec.powerState, spec.restartRequestedAt). Stop and restart are
-- offered on a VM that should run, start on one that should not.
local actions = {}
local power = "Running"
if obj.spec ~= nil and obj.spec.powerState ~= nil then
  power = obj.spec.powerState
end
actions["start"] = { ["iconClass"] = "fa fa-fw fa-play", ["disabled"] = power == "Running" }
actions["stop"] = { ["iconClass"] = "fa fa-fw fa-stop", ["disabled"] = power == "Stopped" }
actions["restart"] = { ["iconClass"] = "fa fa-fw fa-redo", ["disabled"] = power == "Stopped" }
return actions
