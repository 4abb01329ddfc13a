using k8s.Models;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// The containers' cpu and memory summed for the VM: per container the limit, else the request.
/// CPU is rounded up to whole millicores and memory up to whole MiB, so a VM is never too small.
/// </summary>
internal sealed record ContainerResourceTotals(
    bool HasCpu,
    long CpuMillicores,
    long? CpuLimitMillicores,
    long MemoryMiB,
    IReadOnlyList<VmSizingFailure> Problems)
{
    private const decimal BytesPerMiB = 1024m * 1024m;

    private static readonly IReadOnlyList<VmSizingFailure> NoProblems = [];

    public static ContainerResourceTotals From(IReadOnlyList<ContainerResourceRequirements> containers)
    {
        // Created by the first problem: valid resources are the common case.
        List<VmSizingFailure>? problems = null;
        decimal cpuCores = 0, memoryBytes = 0, cpuLimitCores = 0;
        var hasCpu = false;
        var everyContainerLimitsCpu = containers.Count > 0;
        for (var index = 0; index < containers.Count; index++)
        {
            var container = containers[index];
            var cpu = Amount(container, "cpu", ref problems);
            var memory = Amount(container, "memory", ref problems);
            hasCpu |= cpu is not null;
            cpuCores += cpu ?? 0;
            memoryBytes += memory ?? 0;
            var cpuLimit = Quantity(container.Limits, "cpu");
            everyContainerLimitsCpu &= cpuLimit is not null;
            cpuLimitCores += cpuLimit is null ? 0 : QuantityValues.ToDecimal(cpuLimit);
        }

        return new ContainerResourceTotals(
            hasCpu,
            CeilingToLong(cpuCores * 1000),
            everyContainerLimitsCpu ? CeilingToLong(cpuLimitCores * 1000) : null,
            CeilingToLong(memoryBytes / BytesPerMiB),
            problems ?? NoProblems);
    }

    private static decimal? Amount(ContainerResourceRequirements container, string resource, ref List<VmSizingFailure>? problems)
    {
        var limit = Quantity(container.Limits, resource);
        var fromLimit = limit is not null;
        var quantity = limit ?? Quantity(container.Requests, resource);
        if (quantity is null)
        {
            return null;
        }

        var value = QuantityValues.ToDecimal(quantity);
        if (value >= 0)
        {
            return value;
        }

        var field = $"{container.FieldPath}.resources.{(fromLimit ? "limits" : "requests")}.{resource}";
        (problems ??= []).Add(new VmSizingFailure(
            VmSizingFailureReason.InvalidResources,
            field,
            $"{field} is negative; resource amounts must be 0 or more."));
        return null;
    }

    private static ResourceQuantity? Quantity(IReadOnlyDictionary<string, ResourceQuantity>? amounts, string resource) =>
        amounts is not null && amounts.TryGetValue(resource, out var quantity) ? quantity : null;

    private static long CeilingToLong(decimal value) => (long)decimal.Ceiling(value);
}
