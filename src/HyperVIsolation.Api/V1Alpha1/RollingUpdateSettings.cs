using System.ComponentModel;
using HyperVIsolation.Api.Schema;
using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Bounds of a rolling update, as in a Deployment.</summary>
public sealed class RollingUpdateSettings
{
    /// <summary>Pods that may be unavailable during the update: a count or a percentage of replicas (rounded down).</summary>
    [DefaultValue("25%")]
    [CelRule("type(self) == int ? self >= 0 : self.matches('^(100|[1-9]?[0-9])%$')",
        "maxUnavailable must be a non-negative integer or a percentage from 0% to 100%.")]
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Extra pods that may exist during the update: a count or a percentage of replicas (rounded up).</summary>
    [DefaultValue("25%")]
    [CelRule("type(self) == int ? self >= 0 : self.matches('^[0-9]+%$')",
        "maxSurge must be a non-negative integer or a percentage.")]
    public IntOrString? MaxSurge { get; set; }
}
