-- Argo CD health check for isolation.hyperv.dev/IsolationPolicy (resource.customizations.health.isolation.hyperv.dev_IsolationPolicy).
-- A policy takes effect as soon as the admission webhook sees it, so a policy without status is Healthy
-- (as kstatus, and so Flux, reads it); once the operator reports status, an older observedGeneration is
-- Progressing, Stalled=True is Degraded and Ready=False is Progressing.
if obj.status == nil or obj.status.observedGeneration == nil then
  return { status = "Healthy", message = "No status reported; the webhook enforces the policy as written" }
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
  if c.type == "Ready" then
    if c.status == "True" then
      return { status = "Healthy", message = c.message or "Ready" }
    end
    return { status = "Progressing", message = c.message or c.reason or "Not ready" }
  end
end
return { status = "Healthy", message = "Policy observed" }
