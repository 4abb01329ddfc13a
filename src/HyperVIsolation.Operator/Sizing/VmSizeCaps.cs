using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Policies;

namespace HyperVIsolation.Operator.Sizing;

/// <summary>
/// Checks VM values against an effective policy's caps. Shared by <see cref="VmSizer"/> and the
/// IsolatedWorkload validator, so admission and reconciliation say the same thing.
/// </summary>
public static class VmSizeCaps
{
    /// <summary>Field path of the memory override.</summary>
    public const string MemoryField = "spec.vm.memoryMiB";

    /// <summary>Field path of the processor count override.</summary>
    public const string ProcessorCountField = "spec.vm.processorCount";

    /// <summary>Field path of the overcommit override.</summary>
    public const string AllowOvercommitField = "spec.vm.allowOvercommit";

    /// <summary>Every cap the overrides break (memory is compared after rounding up to even).</summary>
    public static IReadOnlyList<VmSizingFailure> CheckOverrides(UtilityVmOverrides? overrides, EffectiveVmSizePolicy? policy)
    {
        var failures = new List<VmSizingFailure>();
        if (overrides is null)
        {
            return failures;
        }

        if (overrides.MemoryMiB is { } memory)
        {
            AddIfNotNull(failures, CheckMemory(VmMemoryRounding.RoundUpToEven(memory), MemoryField, OverrideSubject(memory), policy));
        }

        if (overrides.ProcessorCount is { } count)
        {
            AddIfNotNull(failures, CheckProcessorCount(count, ProcessorCountField, Invariant($"{ProcessorCountField} is {count}"), policy));
        }

        AddIfNotNull(failures, CheckOvercommit(overrides.AllowOvercommit, policy));
        return failures;
    }

    /// <summary>A failure when <paramref name="memoryMiB"/> is over the memory cap.</summary>
    /// <param name="memoryMiB">The VM memory as it would be applied.</param>
    /// <param name="field">The field to blame.</param>
    /// <param name="subject">The start of the sentence, for example "spec.vm.memoryMiB is 8192 MiB".</param>
    /// <param name="policy">The effective policy, or <see langword="null"/> for no caps.</param>
    public static VmSizingFailure? CheckMemory(long memoryMiB, string field, string subject, EffectiveVmSizePolicy? policy) =>
        CheckMemory(memoryMiB, (field, subject), static words => words, policy);

    /// <summary>
    /// The same, with the field and the sentence's start worded by <paramref name="word"/> from <paramref name="state"/>
    /// only when the memory is over the cap: admission sizes every pod, and an allowed one never needs the words.
    /// </summary>
    public static VmSizingFailure? CheckMemory<TState>(long memoryMiB, TState state, Func<TState, (string Field, string Subject)> word, EffectiveVmSizePolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(word);
        return policy?.MaxMemoryMiB is { } cap && memoryMiB > cap.Value
            ? OverCap(word(state), "maxMemoryMiB", cap.Value, cap.PolicyName)
            : null;
    }

    /// <summary>A failure when <paramref name="count"/> is over the processor cap.</summary>
    /// <param name="count">The processor count as it would be applied.</param>
    /// <param name="field">The field to blame.</param>
    /// <param name="subject">The start of the sentence, for example "spec.vm.processorCount is 8".</param>
    /// <param name="policy">The effective policy, or <see langword="null"/> for no caps.</param>
    public static VmSizingFailure? CheckProcessorCount(int count, string field, string subject, EffectiveVmSizePolicy? policy) =>
        CheckProcessorCount(count, (field, subject), static words => words, policy);

    /// <summary>The same, with the field and the sentence's start worded by <paramref name="word"/> only when the count is over the cap.</summary>
    public static VmSizingFailure? CheckProcessorCount<TState>(int count, TState state, Func<TState, (string Field, string Subject)> word, EffectiveVmSizePolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(word);
        return policy?.MaxProcessorCount is { } cap && count > cap.Value
            ? OverCap(word(state), "maxProcessorCount", cap.Value, cap.PolicyName)
            : null;
    }

    /// <summary>A failure when overcommit is turned off where a covering policy does not allow that.</summary>
    public static VmSizingFailure? CheckOvercommit(bool? allowOvercommit, EffectiveVmSizePolicy? policy)
    {
        if (allowOvercommit != false || policy?.OvercommitDeniedBy is not { } deniedBy)
        {
            return null;
        }

        return new VmSizingFailure(
            VmSizingFailureReason.OvercommitDisablingNotAllowed,
            AllowOvercommitField,
            $"{AllowOvercommitField} is false, but IsolationPolicy '{deniedBy}' does not set allowDisablingOvercommit; fully backed VMs reserve host memory, so remove the field or ask an administrator.");
    }

    private static string OverrideSubject(long memory)
    {
        var rounded = VmMemoryRounding.RoundUpToEven(memory);
        return rounded == memory
            ? Invariant($"{MemoryField} is {memory} MiB")
            : Invariant($"{MemoryField} is {memory} MiB ({rounded} MiB once rounded up to even)");
    }

    private static VmSizingFailure OverCap((string Field, string Subject) words, string capName, long cap, string policyName) =>
        new(VmSizingFailureReason.VmSizeExceedsCap, words.Field, Invariant($"{words.Subject}, over the cap {capName}={cap} of IsolationPolicy '{policyName}'."));

    private static void AddIfNotNull(List<VmSizingFailure> failures, VmSizingFailure? failure)
    {
        if (failure is not null)
        {
            failures.Add(failure);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
