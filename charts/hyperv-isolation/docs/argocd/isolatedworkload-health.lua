-- Argo CD health check for isolation.hyperv.dev/IsolatedWorkload (resource.customizations.health.isolation.hyperv.dev_IsolatedWorkload).
-- The status follows kstatus: Stalled=True is Degraded, Reconciling=True is Progressing, Ready=True is Healthy,
-- and conditions written for an older generation describe a spec that is no longer current.
if obj.status == nil or obj.status.observedGeneration == nil then
  return { status = "Progressing", message = "Waiting for the operator to report status" }
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  return { status = "Progressing", message = "Waiting for the operator to observe generation " .. obj.metadata.generation }
end
local conditions = obj.status.conditions or {}
for _, c in ipairs(conditions) do
  if c.type == "Stalled" and c.status == "True" then
    return { status = "Degraded", message = c.message or c.reason or "Stalled" }
  end
end
for _, c in ipairs(conditions) do
  if c.type == "Reconciling" and c.status == "True" then
    return { status = "Progressing", message = c.message or c.reason or "Reconciling" }
  end
end
for _, c in ipairs(conditions) do
  if c.type == "Ready" and c.status == "True" then
    return { status = "Healthy", message = c.message or "Ready" }
  end
end
return { status = "Progressing", message = "Waiting for the workload to become Ready" }
