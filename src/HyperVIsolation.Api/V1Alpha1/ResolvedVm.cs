namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>The utility-VM size the operator applied to each pod.</summary>
public sealed class ResolvedVm
{
    /// <summary>VM memory in MiB.</summary>
    public long? MemoryMiB { get; set; }

    /// <summary>Virtual processors.</summary>
    public int? ProcessorCount { get; set; }

    /// <summary>Short form for display, for example 2048Mi/2vCPU.</summary>
    public string? Summary { get; set; }
}
