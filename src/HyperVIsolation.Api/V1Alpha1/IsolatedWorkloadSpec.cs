using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Desired state of an IsolatedWorkload.</summary>
public sealed class IsolatedWorkloadSpec
{
    /// <summary>Number of pods to run.</summary>
    [DefaultValue(1)]
    [Range(0, 1000)]
    public int Replicas { get; set; } = 1;

    /// <summary>HyperV (default) runs each pod in its own utility VM; Process only where an IsolationPolicy allows it.</summary>
    [DefaultValue(IsolationMode.HyperV)]
    public IsolationMode Isolation { get; set; } = IsolationMode.HyperV;

    /// <summary>Windows base image family, release and required capabilities.</summary>
    public OsSelection? Os { get; set; }

    /// <summary>What each pod runs.</summary>
    [Required]
    public WorkloadTemplate Template { get; set; } = new();

    /// <summary>Explicit utility-VM settings; omitted values are computed from resources and OS flavor.</summary>
    public UtilityVmOverrides? Vm { get; set; }

    /// <summary>How pods are replaced on change.</summary>
    public UpdateStrategy? Strategy { get; set; }
}
