using System.ComponentModel.DataAnnotations;
using HyperVIsolation.Api.Schema;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>Defaults and caps for utility-VM sizes in the covered namespaces.</summary>
[CelRule("!has(self.defaultMemoryMiB) || !has(self.maxMemoryMiB) || self.defaultMemoryMiB <= self.maxMemoryMiB",
    "defaultMemoryMiB must not exceed maxMemoryMiB.", FieldPath = ".defaultMemoryMiB")]
[CelRule("!has(self.defaultProcessorCount) || !has(self.maxProcessorCount) || self.defaultProcessorCount <= self.maxProcessorCount",
    "defaultProcessorCount must not exceed maxProcessorCount.", FieldPath = ".defaultProcessorCount")]
public sealed class VmSizePolicy
{
    /// <summary>Memory in MiB for pods whose resources do not say.</summary>
    [Range(256, 1048576)]
    public long? DefaultMemoryMiB { get; set; }

    /// <summary>Virtual processors for pods whose resources do not say.</summary>
    [Range(1, 64)]
    public int? DefaultProcessorCount { get; set; }

    /// <summary>Largest VM memory in MiB a pod may get.</summary>
    [Range(256, 1048576)]
    public long? MaxMemoryMiB { get; set; }

    /// <summary>Most virtual processors a pod may get.</summary>
    [Range(1, 64)]
    public int? MaxProcessorCount { get; set; }

    /// <summary>Whether tenants may turn off memory overcommit (fully backed VMs reserve host memory).</summary>
    public bool? AllowDisablingOvercommit { get; set; }
}
