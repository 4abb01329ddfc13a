using System.Globalization;
using HyperVIsolation.Api;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>The size of one pod's utility VM, as hcsshim applies it.</summary>
/// <param name="MemoryMiB">VM memory in MiB, always even.</param>
/// <param name="ProcessorCount">Virtual processors.</param>
/// <param name="ProcessorLimit">CPU cap, 1..100000 (100000 = the whole of its processors), when set.</param>
/// <param name="ProcessorWeight">Relative CPU weight, when set.</param>
/// <param name="StorageIopsMaximum">Storage IOPS cap, when set.</param>
/// <param name="StorageBandwidthMaximum">Storage bandwidth cap in bytes per second, when set.</param>
/// <param name="AllowOvercommit">Whether memory may be overcommitted, when set explicitly.</param>
public sealed record VmSize(
    long MemoryMiB,
    int ProcessorCount,
    int? ProcessorLimit = null,
    int? ProcessorWeight = null,
    int? StorageIopsMaximum = null,
    int? StorageBandwidthMaximum = null,
    bool? AllowOvercommit = null)
{
    /// <summary>Short display form, for example <c>2048Mi/2vCPU</c>.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture, $"{MemoryMiB}Mi/{ProcessorCount}vCPU");

    /// <summary>The hcsshim pod annotations for the values that are set, sorted by key, invariant culture.</summary>
    public IReadOnlyDictionary<string, string> ToPodAnnotations()
    {
        // A SortedList, not a SortedDictionary: a handful of keys, two small arrays instead of a tree, and enumerating it allocates no stack.
        var annotations = new SortedList<string, string>(4, StringComparer.Ordinal)
        {
            [HcsAnnotations.MemorySizeInMb] = Invariant(MemoryMiB),
            [HcsAnnotations.ProcessorCount] = Invariant(ProcessorCount),
        };
        AddIfSet(annotations, HcsAnnotations.ProcessorLimit, ProcessorLimit);
        AddIfSet(annotations, HcsAnnotations.ProcessorWeight, ProcessorWeight);
        AddIfSet(annotations, HcsAnnotations.StorageIopsMaximum, StorageIopsMaximum);
        AddIfSet(annotations, HcsAnnotations.StorageBandwidthMaximum, StorageBandwidthMaximum);
        if (AllowOvercommit is { } allowOvercommit)
        {
            annotations[HcsAnnotations.AllowOvercommit] = allowOvercommit ? "true" : "false";
        }

        return annotations;
    }

    private static void AddIfSet(SortedList<string, string> annotations, string key, int? value)
    {
        if (value is { } set)
        {
            annotations[key] = Invariant(set);
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
