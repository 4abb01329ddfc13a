using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// The VM size rules of every IsolationPolicy covering a namespace, combined so the strictest
/// wins: the lowest cap of each kind (ties go to the policy whose name sorts first), the lowest
/// default of each kind (lowered to the cap when above it), and disabling memory overcommit only
/// when every covering policy allows it (unset counts as not allowed). The caller chooses which
/// policies to pass: for example only Enforce policies to decide, Audit ones to warn.
/// </summary>
/// <param name="DefaultMemoryMiB">VM memory for pods whose resources do not say.</param>
/// <param name="DefaultProcessorCount">Virtual processors for pods whose resources do not say.</param>
/// <param name="MaxMemoryMiB">The strictest memory cap, if any policy sets one.</param>
/// <param name="MaxProcessorCount">The strictest processor cap, if any policy sets one.</param>
/// <param name="OvercommitDeniedBy">The first policy (by name) that does not allow disabling overcommit, or <see langword="null"/> when all do.</param>
public sealed record EffectiveVmSizePolicy(
    long? DefaultMemoryMiB,
    int? DefaultProcessorCount,
    PolicyCap<long>? MaxMemoryMiB,
    PolicyCap<int>? MaxProcessorCount,
    string? OvercommitDeniedBy)
{
    /// <summary>Whether a workload may set <c>allowOvercommit: false</c>.</summary>
    public bool AllowDisablingOvercommit => OvercommitDeniedBy is null;

    /// <summary>Combines covering policies; <see langword="null"/> when there are none (nothing capped).</summary>
    public static EffectiveVmSizePolicy? Combine(IEnumerable<IsolationPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var named = policies
            .Select(policy => (Name: policy.Metadata?.Name ?? string.Empty, Vm: policy.Spec?.Vm))
            .OrderBy(policy => policy.Name, StringComparer.Ordinal)
            .ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var maxMemory = Strictest(named.Select(policy => (policy.Vm?.MaxMemoryMiB, policy.Name)));
        var maxProcessors = Strictest(named.Select(policy => (policy.Vm?.MaxProcessorCount, policy.Name)));
        var defaultMemory = named.Min(policy => policy.Vm?.DefaultMemoryMiB);
        var defaultProcessors = named.Min(policy => policy.Vm?.DefaultProcessorCount);
        var overcommitDeniedBy = named.FirstOrDefault(policy => policy.Vm?.AllowDisablingOvercommit != true).Name;
        return new EffectiveVmSizePolicy(
            LowerTo(defaultMemory, maxMemory?.Value),
            LowerTo(defaultProcessors, maxProcessors?.Value),
            maxMemory,
            maxProcessors,
            overcommitDeniedBy);
    }

    private static PolicyCap<T>? Strictest<T>(IEnumerable<(T? Value, string Name)> caps)
        where T : struct, IComparable<T>
    {
        PolicyCap<T>? strictest = null;
        foreach (var (value, name) in caps)
        {
            if (value is { } cap && (strictest is null || cap.CompareTo(strictest.Value) < 0))
            {
                strictest = new PolicyCap<T>(cap, name);
            }
        }

        return strictest;
    }

    private static T? LowerTo<T>(T? value, T? cap)
        where T : struct, IComparable<T> =>
        value is { } v && cap is { } c && v.CompareTo(c) > 0 ? c : value;
}
