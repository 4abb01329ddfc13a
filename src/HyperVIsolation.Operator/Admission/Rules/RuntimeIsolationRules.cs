using HyperVIsolation.Api;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Policies;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// Rules that keep the pod inside a Hyper-V VM on a node the scheduler chose: one of the
/// operator's Hyper-V RuntimeClasses (or one of its process ones where the policy allows
/// Process isolation), no <c>spec.nodeName</c> on CREATE, and no Linux pods where the policy is
/// Windows-only.
/// </summary>
internal static class RuntimeIsolationRules
{
    /// <summary>Checks runtime class, node name and OS.</summary>
    public static void Evaluate(PodAdmissionInput input, ViolationCollector violations)
    {
        var pod = input.Pod;
        if (input.Operation == AdmissionOperation.Create && !string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            violations.Add("spec.nodeName", RuleIds.NodeName, $"{violations.Pods} may not pick their node ('{pod.Spec!.NodeName}'), which bypasses the scheduler and the RuntimeClass placement; remove spec.nodeName");
        }

        if (PodOsTarget.LinuxField(pod) is { } linuxField)
        {
            if (violations.Spec.WindowsOnly)
            {
                violations.Add(linuxField, RuleIds.LinuxPod, $"{violations.Pods} must be Windows pods, but this one asks for Linux");
            }

            // A Linux pod never gets a Windows RuntimeClass; where Linux is allowed the class is not ours to judge.
            return;
        }

        EvaluateRuntimeClass(pod.Spec?.RuntimeClassName, input.RuntimeClasses, violations);
    }

    private static void EvaluateRuntimeClass(string? name, IReadOnlyList<IsolationRuntimeClass> ours, ViolationCollector violations)
    {
        const string Field = "spec.runtimeClassName";
        if (string.IsNullOrEmpty(name))
        {
            violations.Add(Field, RuleIds.ProcessIsolation, $"{violations.Pods} must run in a Hyper-V utility VM, but no Hyper-V RuntimeClass is set (is a node with label {WellKnownLabels.NodeReady}=true available?)");
            return;
        }

        var runtimeClass = Find(ours, name);
        if (runtimeClass is null)
        {
            violations.Add(Field, RuleIds.ForeignRuntimeClass, $"{violations.Pods} may only use the operator's Hyper-V RuntimeClasses ({Names(ours)}), not '{name}'");
            return;
        }

        if (!runtimeClass.IsHyperV && !violations.Spec.AllowProcessIsolation)
        {
            violations.Add(Field, RuleIds.ProcessIsolation, $"{violations.Pods} must run in a Hyper-V utility VM, but RuntimeClass '{name}' uses process isolation, which shares the host kernel");
        }
    }

    private static IsolationRuntimeClass? Find(IReadOnlyList<IsolationRuntimeClass> ours, string name)
    {
        for (var index = 0; index < ours.Count; index++)
        {
            if (ours[index].Name == name)
            {
                return ours[index];
            }
        }

        return null;
    }

    private static string Names(IReadOnlyList<IsolationRuntimeClass> ours)
    {
        var names = ours.Where(runtimeClass => runtimeClass.IsHyperV).Select(runtimeClass => runtimeClass.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "none exists yet" : string.Join(", ", names);
    }
}
