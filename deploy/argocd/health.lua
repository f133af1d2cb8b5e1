-- Argo CD health of the NeevCloud resources (Project, VirtualMachine, RootDisk), read from
-- their kstatus conditions the way kstatus and Flux read them. Copied into argocd-cm.yaml by
-- hack/argocd-cm.sh (a test compares them).
local function health(status, message)
  return { status = status, message = message }
end

local function condition(conditions, name)
  for _, c in ipairs(conditions) do
    if c.type == name then
      return c
    end
  end
  return nil
end

local function isTrue(c)
  return c ~= nil and c.status == "True"
end

-- A condition's message, else its reason, else the fallback.
local function text(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  if c ~= nil and c.reason ~= nil and c.reason ~= "" then
    return c.reason
  end
  return fallback
end

local status = obj.status
if status == nil or status.conditions == nil or #status.conditions == 0 then
  return health("Progressing", "Waiting for the operator")
end

local ready = condition(status.conditions, "Ready")
local reconciling = condition(status.conditions, "Reconciling")
local stalled = condition(status.conditions, "Stalled")

-- Conditions about an older spec say nothing about the current one.
local generation = obj.metadata and obj.metadata.generation
local function older(observed)
  return generation ~= nil and observed ~= nil and observed < generation
end
if older(status.observedGeneration) or (ready ~= nil and older(ready.observedGeneration)) then
  -- Argo CD runs this without Lua's string library (only base, table and a safe os): no string.format.
  return health("Progressing", "the operator has not yet seen generation " .. tostring(generation))
end

if isTrue(stalled) then
  return health("Degraded", text(stalled, "Stalled"))
end
-- kstatus: Reconciling=True means work is under way, whatever Ready says.
if isTrue(reconciling) then
  return health("Progressing", text(reconciling, text(ready, "Reconciling")))
end
if isTrue(ready) then
  return health("Healthy", text(ready, "Ready"))
end
-- Ready False or Unknown, or no Ready condition yet: never Healthy.
return health("Progressing", text(ready, "Waiting for the operator"))
