using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Observed state of an IsolatedWorkload, in kstatus form.</summary>
public sealed class IsolatedWorkloadStatus
{
    /// <summary>The spec generation this status describes.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Pods that exist, ready or not.</summary>
    public int? Replicas { get; set; }

    /// <summary>Pods whose Ready condition is true.</summary>
    public int? ReadyReplicas { get; set; }

    /// <summary>Pods running the current template.</summary>
    public int? UpdatedReplicas { get; set; }

    /// <summary>Ready pods running the current template.</summary>
    public int? AvailableReplicas { get; set; }

    /// <summary>Label selector of the pods, serialized, for the scale subresource.</summary>
    public string? Selector { get; set; }

    /// <summary>The chosen OS flavor, release, build and images.</summary>
    public ResolvedOs? Os { get; set; }

    /// <summary>The RuntimeClass the pods run with.</summary>
    public string? RuntimeClassName { get; set; }

    /// <summary>The utility-VM size of each pod.</summary>
    public ResolvedVm? Vm { get; set; }

    /// <summary>Ready, Reconciling and Stalled conditions.</summary>
    public List<V1Condition>? Conditions { get; set; }
}
