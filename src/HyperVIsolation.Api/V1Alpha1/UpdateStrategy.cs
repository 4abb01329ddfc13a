using System.ComponentModel;
using HyperVIsolation.Api.Schema;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>How pods are replaced when the template or the resolved OS changes.</summary>
[CelRule("self.type == 'RollingUpdate' || !has(self.rollingUpdate)",
    "rollingUpdate may only be set when type is RollingUpdate.", FieldPath = ".rollingUpdate")]
public sealed class UpdateStrategy
{
    /// <summary>RollingUpdate (default) or Recreate.</summary>
    [DefaultValue(UpdateStrategyType.RollingUpdate)]
    public UpdateStrategyType Type { get; set; } = UpdateStrategyType.RollingUpdate;

    /// <summary>Bounds of a rolling update.</summary>
    public RollingUpdateSettings? RollingUpdate { get; set; }
}
