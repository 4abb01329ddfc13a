using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Policies;

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

    /// <summary>The VM size rules of one policy alone, the same as <see cref="Combine"/> of just that policy.</summary>
    /// <param name="policyName">The policy's name, for the caps' messages.</param>
    /// <param name="vm">The policy's <c>spec.vm</c>.</param>
    public static EffectiveVmSizePolicy Of(string policyName, VmSizePolicy? vm)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        PolicyCap<long>? maxMemory = vm?.MaxMemoryMiB is { } memoryCap ? new PolicyCap<long>(memoryCap, policyName) : null;
        PolicyCap<int>? maxProcessors = vm?.MaxProcessorCount is { } processorCap ? new PolicyCap<int>(processorCap, policyName) : null;
        return new EffectiveVmSizePolicy(
            LowerTo(vm?.DefaultMemoryMiB, maxMemory?.Value),
            LowerTo(vm?.DefaultProcessorCount, maxProcessors?.Value),
            maxMemory,
            maxProcessors,
            vm?.AllowDisablingOvercommit == true ? null : policyName);
    }

    /// <summary>Combines covering policies; <see langword="null"/> when there are none (nothing capped).</summary>
    public static EffectiveVmSizePolicy? Combine(IEnumerable<IsolationPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);

        // Most namespaces have one covering policy: nothing to sort or compare.
        if (policies is IReadOnlyList<IsolationPolicy> { Count: 1 } single)
        {
            return Of(single[0].Metadata?.Name ?? string.Empty, single[0].Spec?.Vm);
        }

        // Loops rather than LINQ: admission combines the covering policies on every pod request. Every result is a
        // value or a policy name, so the order among policies of the same name does not matter and Sort may be unstable.
        var named = new List<(string Name, VmSizePolicy? Vm)>();
        foreach (var policy in policies)
        {
            named.Add((policy.Metadata?.Name ?? string.Empty, policy.Spec?.Vm));
        }

        if (named.Count == 0)
        {
            return null;
        }

        if (named.Count > 1)
        {
            named.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        }

        PolicyCap<long>? maxMemory = null;
        PolicyCap<int>? maxProcessors = null;
        long? defaultMemory = null;
        int? defaultProcessors = null;
        string? overcommitDeniedBy = null;
        foreach (var (name, vm) in named)
        {
            maxMemory = Stricter(maxMemory, vm?.MaxMemoryMiB, name);
            maxProcessors = Stricter(maxProcessors, vm?.MaxProcessorCount, name);
            defaultMemory = Lower(defaultMemory, vm?.DefaultMemoryMiB);
            defaultProcessors = Lower(defaultProcessors, vm?.DefaultProcessorCount);
            if (overcommitDeniedBy is null && vm?.AllowDisablingOvercommit != true)
            {
                overcommitDeniedBy = name;
            }
        }

        return new EffectiveVmSizePolicy(
            LowerTo(defaultMemory, maxMemory?.Value),
            LowerTo(defaultProcessors, maxProcessors?.Value),
            maxMemory,
            maxProcessors,
            overcommitDeniedBy);
    }

    /// <summary>The cap so far, or <paramref name="value"/> from <paramref name="name"/> when strictly lower (ties keep the earlier name).</summary>
    private static PolicyCap<T>? Stricter<T>(PolicyCap<T>? strictest, T? value, string name)
        where T : struct, IComparable<T> =>
        value is { } cap && (strictest is null || cap.CompareTo(strictest.Value) < 0) ? new PolicyCap<T>(cap, name) : strictest;

    /// <summary>The lower of two optional values, ignoring unset ones, as <c>Enumerable.Min</c> does for nullables.</summary>
    private static T? Lower<T>(T? current, T? value)
        where T : struct, IComparable<T> =>
        value is { } v && (current is null || v.CompareTo(current.Value) < 0) ? v : current;

    private static T? LowerTo<T>(T? value, T? cap)
        where T : struct, IComparable<T> =>
        value is { } v && cap is { } c && v.CompareTo(c) > 0 ? c : value;
}
