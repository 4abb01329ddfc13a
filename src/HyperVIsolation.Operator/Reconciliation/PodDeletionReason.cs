namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Why the rollout planner deletes a pod; stable names for events.</summary>
public enum PodDeletionReason
{
    /// <summary>More pods run the current template than replicas wanted.</summary>
    ScaleDown,

    /// <summary>The pod runs an older template and is being replaced.</summary>
    StaleTemplate,

    /// <summary>The pod ended (Failed or Succeeded) and is replaced by a new one.</summary>
    Failed,
}
