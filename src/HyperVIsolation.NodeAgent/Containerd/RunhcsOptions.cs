namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>
/// The <c>options</c> table of an <c>io.containerd.runhcs.v1</c> runtime handler (hcsshim's
/// <c>runhcs.options.Options</c>). Unset values are null: hcsshim then uses its own defaults
/// (1024 MB, 2 vCPU). Pod annotations that pass the allow-list override these.
/// </summary>
public sealed record RunhcsOptions
{
    /// <summary>0 = process isolation, 1 = hypervisor (Hyper-V) isolation.</summary>
    public long? SandboxIsolation { get; init; }

    /// <summary>For example <c>windows/amd64</c>.</summary>
    public string? SandboxPlatform { get; init; }

    /// <summary>Rescale container CPU limits to the utility VM's processor count.</summary>
    public bool? ScaleCpuLimitsToSandbox { get; init; }

    /// <summary>Redact environment variables from shim logs.</summary>
    public bool? ScrubLogs { get; init; }

    /// <summary>Default utility VM processor count.</summary>
    public long? VmProcessorCount { get; init; }

    /// <summary>Default utility VM memory in MB.</summary>
    public long? VmMemorySizeInMb { get; init; }

    /// <summary>Default container scratch size in GB.</summary>
    public long? DefaultContainerScratchSizeInGb { get; init; }

    /// <summary>Default utility VM scratch size in GB.</summary>
    public long? DefaultVmScratchSizeInGb { get; init; }

    /// <summary>Where the utility VM boot files live.</summary>
    public string? BootFilesRootPath { get; init; }

    /// <summary>Do not give the VM the host's time zone.</summary>
    public bool? NoInheritHostTimezone { get; init; }

    /// <summary>Shim log level.</summary>
    public string? LogLevel { get; init; }

    /// <summary>Annotations applied to every container of this handler unless the container sets them.</summary>
    public IReadOnlyDictionary<string, string>? DefaultContainerAnnotations { get; init; }

    /// <summary>The value of <see cref="SandboxIsolation"/> that selects Hyper-V isolation.</summary>
    public const long HypervisorIsolation = 1;

    /// <summary>Whether this handler runs pods in utility VMs.</summary>
    public bool IsHypervisorIsolated => SandboxIsolation == HypervisorIsolation;
}
