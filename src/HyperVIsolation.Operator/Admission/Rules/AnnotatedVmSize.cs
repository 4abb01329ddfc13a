using System.Globalization;
using HyperVIsolation.Api;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// Checks the VM size the operator's own pods carry in their annotations (sized from an
/// IsolatedWorkload's <c>spec.vm</c>) against a policy's caps, with the same cap checks the
/// sizer uses. A value that does not parse is a violation: hcsshim would ignore or misread it.
/// </summary>
internal static class AnnotatedVmSize
{
    /// <summary>Adds a violation per annotated value over a cap or unreadable.</summary>
    public static void Check(IDictionary<string, string> annotations, EffectiveVmSizePolicy? policy, ViolationCollector violations)
    {
        if (annotations.TryGetValue(HcsAnnotations.MemorySizeInMb, out var memoryText))
        {
            var field = $"metadata.annotations[{HcsAnnotations.MemorySizeInMb}]";
            if (!long.TryParse(memoryText, NumberStyles.None, CultureInfo.InvariantCulture, out var memory))
            {
                violations.Add(field, RuleIds.VmSize, $"'{memoryText}' is not a whole number of MiB");
            }
            else if (VmSizeCaps.CheckMemory(memory + (memory & 1), field, $"The annotated VM memory is {memory} MiB", policy) is { } failure)
            {
                violations.AddWorded(field, RuleIds.VmSize, failure.Message);
            }
        }

        if (annotations.TryGetValue(HcsAnnotations.ProcessorCount, out var countText))
        {
            var field = $"metadata.annotations[{HcsAnnotations.ProcessorCount}]";
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                violations.Add(field, RuleIds.VmSize, $"'{countText}' is not a whole number of processors");
            }
            else if (VmSizeCaps.CheckProcessorCount(count, field, $"The annotated VM processor count is {count}", policy) is { } failure)
            {
                violations.AddWorded(field, RuleIds.VmSize, failure.Message);
            }
        }

        if (annotations.TryGetValue(HcsAnnotations.AllowOvercommit, out var overcommit)
            && VmSizeCaps.CheckOvercommit(overcommit == "true" ? null : false, policy) is { } overcommitFailure)
        {
            violations.AddWorded($"metadata.annotations[{HcsAnnotations.AllowOvercommit}]", RuleIds.VmSize, overcommitFailure.Message);
        }
    }
}
