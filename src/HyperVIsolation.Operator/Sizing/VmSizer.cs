using System.Globalization;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// Sizes a pod's utility VM from its containers' resources, the guest OS footprint of its flavor,
/// explicit overrides and the covering policies. Memory: override, else the containers' memory
/// plus the footprint, else the policy default, else the larger of hcsshim's 1024 MiB and the
/// footprint plus 256 MiB; always even. Processors: override, else the containers' cpu rounded up
/// to whole cores (at least 1), else the policy default, else 2. A processor limit keeps the VM
/// to the containers' cpu limits when they are below its whole processors. Defaults (the policy's
/// and the built-in ones) are lowered to the caps; only what the user asked for (overrides and
/// container resources) can fail a cap. Pure.
/// </summary>
/// <param name="footprints">Guest OS footprints per flavor.</param>
public sealed class VmSizer(GuestOsFootprints footprints)
{
    /// <summary>Memory a VM gets above its guest OS when no container or policy says how much.</summary>
    public const long HeadroomMiB = 256;

    private static readonly IReadOnlyList<VmSizingFailure> NoFailures = [];

    private const int FullProcessorLimit = 100000;

    // Parsing a quantity costs microseconds, and the overhead depends only on the flavor: parsed once per flavor.
    private readonly RuntimeClassOverhead?[] overheads = new RuntimeClassOverhead?[Enum.GetValues<OsFlavor>().Length];

    /// <summary>The RuntimeClass overhead of a flavor (its guest OS footprint).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flavor"/> is Auto.</exception>
    public RuntimeClassOverhead OverheadFor(OsFlavor flavor)
    {
        var footprint = footprints.For(flavor);
        return overheads[(int)flavor] ??= RuntimeClassOverhead.For(footprint);
    }

    /// <summary>Sizes the VM, or returns every cap or rule the result would break.</summary>
    /// <param name="containers">The pod's containers' requests and limits.</param>
    /// <param name="flavor">The resolved OS flavor (not Auto).</param>
    /// <param name="overrides">Explicit VM settings, if any.</param>
    /// <param name="policy">The covering policies combined, or <see langword="null"/> when none covers the pod.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flavor"/> is Auto.</exception>
    public VmSizingResult Size(
        IReadOnlyList<ContainerResourceRequirements> containers,
        OsFlavor flavor,
        UtilityVmOverrides? overrides,
        EffectiveVmSizePolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var footprint = footprints.For(flavor);
        var totals = ContainerResourceTotals.From(containers);
        if (totals.Problems.Count > 0)
        {
            return VmSizingResult.Fail(totals.Problems);
        }

        var memory = Memory(totals, footprint, overrides, policy);
        var processors = Processors(totals, overrides, policy);
        var failures = CapFailures(memory, processors, overrides, policy, new Wording(containers, totals, footprint, overrides));
        if (failures.Count > 0)
        {
            return VmSizingResult.Fail(failures);
        }

        var size = new VmSize(
            memory.Value,
            processors.Value,
            overrides?.ProcessorLimit ?? ProcessorLimit(totals.CpuLimitMillicores, processors.Value),
            overrides?.ProcessorWeight,
            overrides?.StorageIopsMaximum,
            overrides?.StorageBandwidthMaximum,
            overrides?.AllowOvercommit);
        return VmSizingResult.Success(new VmSizing(size, size.ToPodAnnotations(), OverheadFor(flavor)));
    }

    private static Sized<long> Memory(ContainerResourceTotals totals, GuestOsFootprint footprint, UtilityVmOverrides? overrides, EffectiveVmSizePolicy? policy)
    {
        if (overrides?.MemoryMiB is { } requested)
        {
            return new(VmMemoryRounding.RoundUpToEven(requested), Source.Override);
        }

        if (totals.MemoryMiB > 0)
        {
            return new(VmMemoryRounding.RoundUpToEven(totals.MemoryMiB + footprint.MemoryMiB), Source.Containers);
        }

        var builtIn = Math.Max(HcsAnnotations.DefaultMemoryMb, footprint.MemoryMiB + HeadroomMiB);
        var fallback = VmMemoryRounding.RoundUpToEven(policy?.DefaultMemoryMiB ?? builtIn);
        if (policy?.MaxMemoryMiB is { } cap && fallback > cap.Value)
        {
            // Rounding down keeps an odd cap from pushing the default over it.
            fallback = VmMemoryRounding.RoundDownToEven(cap.Value);
        }

        return new(fallback, Source.Default);
    }

    private static Sized<int> Processors(ContainerResourceTotals totals, UtilityVmOverrides? overrides, EffectiveVmSizePolicy? policy)
    {
        if (overrides?.ProcessorCount is { } requested)
        {
            return new(requested, Source.Override);
        }

        if (totals.HasCpu)
        {
            return new((int)Math.Max(1, (totals.CpuMillicores + 999) / 1000), Source.Containers);
        }

        var fallback = policy?.DefaultProcessorCount
            ?? Math.Min(HcsAnnotations.DefaultProcessorCount, policy?.MaxProcessorCount?.Value ?? int.MaxValue);
        return new(fallback, Source.Default);
    }

    private static IReadOnlyList<VmSizingFailure> CapFailures(
        Sized<long> memory, Sized<int> processors, UtilityVmOverrides? overrides, EffectiveVmSizePolicy? policy, Wording wording)
    {
        // The sentences are worded only for a value over its cap: admitting a pod never formats them.
        List<VmSizingFailure>? failures = null;
        if (VmSizeCaps.CheckMemory(memory.Value, (wording, memory), static state => (state.wording.MemoryField(state.memory), state.wording.MemorySubject(state.memory)), policy) is { } memoryFailure)
        {
            (failures ??= []).Add(memoryFailure);
        }

        if (VmSizeCaps.CheckProcessorCount(processors.Value, (wording, processors), static state => (state.wording.ProcessorCountField(state.processors), state.wording.ProcessorCountSubject(state.processors)), policy) is { } processorFailure)
        {
            (failures ??= []).Add(processorFailure);
        }

        if (VmSizeCaps.CheckOvercommit(overrides?.AllowOvercommit, policy) is { } overcommitFailure)
        {
            (failures ??= []).Add(overcommitFailure);
        }

        return failures ?? NoFailures;
    }

    /// <summary>
    /// When the containers' cpu limits add up to less than the VM's whole processors, cap the VM at
    /// that share (limit x 100000 / processors, rounded up) so the VM cannot use more than the pod
    /// may. Only when every container has a cpu limit: one unlimited container leaves the VM uncapped.
    /// </summary>
    private static int? ProcessorLimit(long? cpuLimitMillicores, int processorCount)
    {
        if (cpuLimitMillicores is not { } limit || limit >= processorCount * 1000L)
        {
            return null;
        }

        var share = ((limit * FullProcessorLimit) + (processorCount * 1000L) - 1) / (processorCount * 1000L);
        return (int)Math.Clamp(share, 1, FullProcessorLimit);
    }

    /// <summary>Where a sized value came from, which decides the field to blame and how the sentence starts.</summary>
    private enum Source
    {
        Override,
        Containers,
        Default,
    }

    /// <summary>A sized value and where it came from.</summary>
    private readonly record struct Sized<T>(T Value, Source Source)
        where T : struct;

    /// <summary>The inputs a cap failure's sentence names; held, not formatted, until a cap fails.</summary>
    private readonly record struct Wording(
        IReadOnlyList<ContainerResourceRequirements> Containers,
        ContainerResourceTotals Totals,
        GuestOsFootprint Footprint,
        UtilityVmOverrides? Overrides)
    {
        public string MemoryField(Sized<long> memory) => memory.Source == Source.Containers ? ContainersField : VmSizeCaps.MemoryField;

        public string ProcessorCountField(Sized<int> processors) => processors.Source == Source.Containers ? ContainersField : VmSizeCaps.ProcessorCountField;

        public string MemorySubject(Sized<long> memory) => memory.Source switch
        {
            Source.Override when Overrides!.MemoryMiB!.Value == memory.Value => Invariant($"{VmSizeCaps.MemoryField} is {memory.Value} MiB"),
            Source.Override => Invariant($"{VmSizeCaps.MemoryField} is {Overrides!.MemoryMiB!.Value} MiB ({memory.Value} MiB once rounded up to even)"),
            Source.Containers => Invariant($"The VM memory computed from the containers' memory ({Totals.MemoryMiB} MiB plus {Footprint.MemoryMiB} MiB for the guest OS) is {memory.Value} MiB"),
            _ => Invariant($"The default VM memory is {memory.Value} MiB"),
        };

        public string ProcessorCountSubject(Sized<int> processors) => processors.Source switch
        {
            Source.Override => Invariant($"{VmSizeCaps.ProcessorCountField} is {processors.Value}"),
            Source.Containers => Invariant($"The VM processor count computed from the containers' cpu ({Totals.CpuMillicores}m) is {processors.Value}"),
            _ => Invariant($"The default VM processor count is {processors.Value}"),
        };

        /// <summary>"spec.template.containers" for a workload, "spec.containers" for a pod.</summary>
        private string ContainersField => Containers.Count > 0 ? Containers[0].List : ContainerResourceRequirements.WorkloadContainers;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
