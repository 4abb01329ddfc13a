using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// The VM size within the policy's caps (through <see cref="VmSizer"/>), and exactly the
/// <c>io.microsoft.*</c> annotations the mutator writes: any other key or value could pick a CPU
/// group, a dump directory, a fully backed VM, writable shares or a huge VM.
/// </summary>
internal static class VmAnnotationRules
{
    private static readonly Dictionary<string, string> EmptyAnnotations = [];

    /// <summary>
    /// Checks the VM size against one policy's caps: the size computed from the containers, or,
    /// for the operator's own pods that carry sizing annotations, the annotated size.
    /// </summary>
    public static void EvaluateSize(AdmissionPod pod, VmSizer sizer, bool trustedCreator, ViolationCollector violations) =>
        EvaluateSize(new PodVmSizing(pod, sizer), trustedCreator, violations);

    /// <summary>The same, sizing through <paramref name="sizing"/> (shared with the expected annotations of the same request).</summary>
    public static void EvaluateSize(PodVmSizing sizing, bool trustedCreator, ViolationCollector violations)
    {
        ArgumentNullException.ThrowIfNull(sizing);
        var pod = sizing.Pod;
        if (PodOsTarget.LinuxField(pod) is not null)
        {
            return;
        }

        var policy = EffectiveVmSizePolicy.Of(violations.PolicyName, violations.Spec.Vm);
        if (trustedCreator && pod.Metadata?.Annotations is { } annotations && annotations.Keys.Any(ExpectedPodAnnotations.SizingKeys.Contains))
        {
            AnnotatedVmSize.Check(annotations, policy, violations);
            return;
        }

        var result = sizing.Size(policy);
        foreach (var failure in result.Failures)
        {
            violations.AddWorded(failure.Field, RuleIds.VmSize, failure.Message);
        }
    }

    /// <summary>Checks the pod's Microsoft annotations against the expected ones.</summary>
    public static void EvaluateAnnotations(AdmissionPod pod, ExpectedPodAnnotations expected, ViolationCollector violations)
    {
        var actual = pod.Metadata?.Annotations ?? EmptyAnnotations;
        if (Conforms(actual, expected.Annotations))
        {
            return;
        }

        foreach (var (key, value) in actual.Where(entry => ExpectedPodAnnotations.IsMicrosoftKey(entry.Key)).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var field = $"metadata.annotations[{key}]";
            if (!expected.Annotations.TryGetValue(key, out var wanted))
            {
                violations.Add(field, RuleIds.ReservedAnnotation, $"annotation '{key}' is reserved for the operator, which sizes and hardens the utility VM; remove it");
            }
            else if (wanted != value)
            {
                violations.Add(field, RuleIds.ReservedAnnotation, $"annotation '{key}' is '{value}', but the operator sets '{wanted}' for this pod; remove it and size the VM through container resources");
            }
        }

        foreach (var (key, wanted) in expected.Annotations.Where(entry => !actual.ContainsKey(entry.Key)))
        {
            violations.Add($"metadata.annotations[{key}]", RuleIds.ReservedAnnotation, $"annotation '{key}' must be '{wanted}' but is missing; the mutating webhook sets it, so re-create the pod");
        }
    }

    /// <summary>
    /// Whether the pod's Microsoft annotations are exactly the expected ones, the common case, decided without
    /// sorting or wording anything; the loops above say what differs when they are not.
    /// </summary>
    private static bool Conforms(IDictionary<string, string> actual, IReadOnlyDictionary<string, string> expected)
    {
        foreach (var (key, value) in actual)
        {
            if (ExpectedPodAnnotations.IsMicrosoftKey(key) && (!expected.TryGetValue(key, out var wanted) || wanted != value))
            {
                return false;
            }
        }

        foreach (var (key, _) in expected)
        {
            if (!actual.ContainsKey(key))
            {
                return false;
            }
        }

        return true;
    }
}
