namespace HyperVIsolation.Api;

/// <summary>hcsshim pod annotations that size and harden a pod's utility VM.</summary>
public static class HcsAnnotations
{
    /// <summary>Prefix of every Microsoft container annotation; tenants may set none of them.</summary>
    public const string MicrosoftPrefix = "io.microsoft.";

    /// <summary>Prefix of utility-VM annotations, the default containerd pod allow-list.</summary>
    public const string VirtualMachinePrefix = "io.microsoft.virtualmachine.";

    /// <summary>VM memory in MB (hcsshim rounds odd values up).</summary>
    public const string MemorySizeInMb = VirtualMachinePrefix + "computetopology.memory.sizeinmb";

    /// <summary>Virtual processor count.</summary>
    public const string ProcessorCount = VirtualMachinePrefix + "computetopology.processor.count";

    /// <summary>CPU limit, 1..100000.</summary>
    public const string ProcessorLimit = VirtualMachinePrefix + "computetopology.processor.limit";

    /// <summary>CPU weight, 0..10000.</summary>
    public const string ProcessorWeight = VirtualMachinePrefix + "computetopology.processor.weight";

    /// <summary>Whether VM memory may be overcommitted (pagefile backed).</summary>
    public const string AllowOvercommit = VirtualMachinePrefix + "computetopology.memory.allowovercommit";

    /// <summary>Storage IOPS cap.</summary>
    public const string StorageIopsMaximum = VirtualMachinePrefix + "storageqos.iopsmaximum";

    /// <summary>Storage bandwidth cap.</summary>
    public const string StorageBandwidthMaximum = VirtualMachinePrefix + "storageqos.bandwidthmaximum";

    /// <summary>Turns off gMSA, writable shares, VSMB direct map and HostProcess in the VM.</summary>
    public const string DisableUnsafeOperations = MicrosoftPrefix + "disable-unsafe-operations";

    /// <summary>hcsshim's VM memory when no annotation or handler option says otherwise.</summary>
    public const long DefaultMemoryMb = 1024;

    /// <summary>hcsshim's VM processor count when no annotation or handler option says otherwise.</summary>
    public const int DefaultProcessorCount = 2;
}
