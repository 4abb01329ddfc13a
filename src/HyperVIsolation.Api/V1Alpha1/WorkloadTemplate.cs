using System.ComponentModel.DataAnnotations;
using HyperVIsolation.Api.Schema;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>
/// What each pod runs. Deliberately narrower than a PodTemplateSpec: fields that could weaken the
/// utility VM boundary (host namespaces, hostPath, privileged settings, node names) do not exist here.
/// </summary>
public sealed class WorkloadTemplate
{
    /// <summary>Labels added to every pod (the operator adds its own selector labels beside them).</summary>
    [MaxLength(64)]
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Annotations added to every pod. Keys under io.microsoft. are reserved for the operator.</summary>
    [CelRule("self.all(k, !k.startsWith('io.microsoft.'))",
        "Annotations under io.microsoft. are set by the operator from spec.vm and policy, not by the template.")]
    [MaxLength(64)]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>The containers of each pod.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(32)]
    [ListMap("name")]
    public List<WorkloadContainer> Containers { get; set; } = [];

    /// <summary>Names of secrets in the workload's namespace used to pull images.</summary>
    public List<string>? ImagePullSecrets { get; set; }

    /// <summary>Seconds a pod gets to stop gracefully.</summary>
    [Range(0, 3600)]
    public long? TerminationGracePeriodSeconds { get; set; }
}
