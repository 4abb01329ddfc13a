using HyperVIsolation.Operator.Admission.Pods;
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
    /// <summary>
    /// Checks the VM size against one policy's caps: the size computed from the containers, or,
    /// for the operator's own pods that carry sizing annotations, the annotated size.
    /// </summary>
    public static void EvaluateSize(V1Pod pod, VmSizer sizer, bool trustedCreator, ViolationCollector violations) =>
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

        var policy = EffectiveVmSizePolicy.Combine([new Api.V1Alpha1.IsolationPolicy { Metadata = new V1ObjectMeta { Name = violations.PolicyName }, Spec = violations.Spec }]);
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
    public static void EvaluateAnnotations(V1Pod pod, ExpectedPodAnnotations expected, ViolationCollector violations)
    {
        var actual = pod.Metadata?.Annotations ?? new Dictionary<string, string>();
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
}
