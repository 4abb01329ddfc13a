namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>Condition types and reasons of an IsolatedWorkload's status, following kstatus.</summary>
public static class WorkloadConditions
{
    /// <summary>True when every replica runs the current template and is available.</summary>
    public const string Ready = "Ready";

    /// <summary>Abnormal-true: present (True) only while the operator is moving the pods toward the spec.</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>Abnormal-true: present (True) only when the operator cannot make progress without a change.</summary>
    public const string Stalled = "Stalled";

    /// <summary>Ready's reason when it is True.</summary>
    public const string ReasonReady = "Ready";

    /// <summary>Pods with a stale template are being replaced.</summary>
    public const string ReasonRollingUpdate = "RollingUpdate";

    /// <summary>Fewer pods than replicas run the current template.</summary>
    public const string ReasonScalingUp = "ScalingUp";

    /// <summary>More pods than replicas run.</summary>
    public const string ReasonScalingDown = "ScalingDown";

    /// <summary>All pods exist with the current template; some are not ready yet.</summary>
    public const string ReasonWaitingForPods = "WaitingForPods";
}
