using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.Operator.Admission.Pods;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>
/// Puts a pod of a covered namespace into a Hyper-V utility VM: drops every <c>io.microsoft.*</c>
/// annotation the operator would not write, then sets the VM annotations, the Hyper-V
/// RuntimeClass, <c>spec.os.name: windows</c>, the <c>kubernetes.io/os: windows</c> node selector
/// and the <c>os=windows:NoSchedule</c> toleration. Linux pods only lose the annotations.
/// Every step compares with what is there first, so a second pass over its own output yields no
/// operations, which is what makes <c>reinvocationPolicy: IfNeeded</c> safe. Pure.
/// </summary>
internal static class PodIsolationMutator
{
    /// <summary>The toleration key of the taint Windows nodes commonly carry.</summary>
    public const string OsTaintKey = "os";

    /// <summary>The patch for <paramref name="pod"/>; empty when no policy covers it or it conforms.</summary>
    public static PodMutation Mutate(V1Pod pod, PodMutationContext context)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(context);
        var operations = new List<JsonPatchOperation>();
        if (context.CoveringPolicies.Count == 0)
        {
            return new PodMutation(pod, operations);
        }

        var expected = context.TrustedCreator
            ? ExpectedPodAnnotations.ForTrustedCreator(pod, context.CoveringPolicies, context.Sizer)
            : ExpectedPodAnnotations.For(pod, context.CoveringPolicies, context.Sizer);
        MutateAnnotations(pod, expected.Annotations, operations);
        if (PodOsTarget.LinuxField(pod) is null)
        {
            MutateRuntimeClass(pod, context, operations);
            MutateOs(pod, operations);
            MutateNodeSelector(pod, operations);
            MutateTolerations(pod, operations);
        }

        return new PodMutation(pod, operations);
    }

    private static void MutateAnnotations(V1Pod pod, IReadOnlyDictionary<string, string> expected, List<JsonPatchOperation> operations)
    {
        var actual = pod.Metadata?.Annotations;
        if (actual is null)
        {
            if (expected.Count == 0)
            {
                return;
            }

            var all = new JsonObject(expected.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)JsonValue.Create(entry.Value))));
            operations.Add(pod.Metadata is null
                ? JsonPatchOperation.Add("/metadata", new JsonObject { ["annotations"] = all })
                : JsonPatchOperation.Add("/metadata/annotations", all));
            return;
        }

        foreach (var (key, value) in actual.Where(entry => ExpectedPodAnnotations.IsMicrosoftKey(entry.Key)).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var path = JsonPointer.Of("metadata", "annotations", key);
            if (!expected.TryGetValue(key, out var wanted))
            {
                operations.Add(JsonPatchOperation.Remove(path));
            }
            else if (wanted != value)
            {
                operations.Add(JsonPatchOperation.Replace(path, JsonValue.Create(wanted)));
            }
        }

        foreach (var (key, wanted) in expected.Where(entry => !actual.ContainsKey(entry.Key)))
        {
            operations.Add(JsonPatchOperation.Add(JsonPointer.Of("metadata", "annotations", key), JsonValue.Create(wanted)));
        }
    }

    /// <summary>Only an unset class is filled in: a class the tenant chose is judged by validation, not silently replaced.</summary>
    private static void MutateRuntimeClass(V1Pod pod, PodMutationContext context, List<JsonPatchOperation> operations)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.RuntimeClassName) || pod.Spec is null)
        {
            return;
        }

        if (RuntimeClassChoice.For(pod, context.RuntimeClasses, context.ReadyNodeBuilds) is { } name)
        {
            operations.Add(JsonPatchOperation.Add("/spec/runtimeClassName", JsonValue.Create(name)));
        }
    }

    private static void MutateOs(V1Pod pod, List<JsonPatchOperation> operations)
    {
        if (pod.Spec is null || pod.Spec.Os?.Name == PodOsTarget.Windows)
        {
            return;
        }

        operations.Add(pod.Spec.Os is null
            ? JsonPatchOperation.Add("/spec/os", new JsonObject { ["name"] = PodOsTarget.Windows })
            : JsonPatchOperation.Replace("/spec/os/name", JsonValue.Create(PodOsTarget.Windows)));
    }

    private static void MutateNodeSelector(V1Pod pod, List<JsonPatchOperation> operations)
    {
        if (pod.Spec is null)
        {
            return;
        }

        var selector = pod.Spec.NodeSelector;
        if (selector is null)
        {
            operations.Add(JsonPatchOperation.Add("/spec/nodeSelector", new JsonObject { [WellKnownLabels.Os] = PodOsTarget.Windows }));
            return;
        }

        if (!selector.TryGetValue(WellKnownLabels.Os, out var os) || os != PodOsTarget.Windows)
        {
            // "add" on an existing member replaces it (RFC 6902 4.1), so one operation covers both cases.
            operations.Add(JsonPatchOperation.Add(JsonPointer.Of("spec", "nodeSelector", WellKnownLabels.Os), JsonValue.Create(PodOsTarget.Windows)));
        }
    }

    private static void MutateTolerations(V1Pod pod, List<JsonPatchOperation> operations)
    {
        if (pod.Spec is null || (pod.Spec.Tolerations ?? []).Any(ToleratesWindowsTaint))
        {
            return;
        }

        var toleration = new JsonObject { ["key"] = OsTaintKey, ["operator"] = "Equal", ["value"] = PodOsTarget.Windows, ["effect"] = "NoSchedule" };
        operations.Add(pod.Spec.Tolerations is null
            ? JsonPatchOperation.Add("/spec/tolerations", new JsonArray(toleration))
            : JsonPatchOperation.Add("/spec/tolerations/-", toleration));
    }

    private static bool ToleratesWindowsTaint(V1Toleration? toleration)
    {
        if (toleration is null || !(string.IsNullOrEmpty(toleration.Effect) || toleration.Effect == "NoSchedule"))
        {
            return false;
        }

        return toleration.OperatorProperty == "Exists"
            ? string.IsNullOrEmpty(toleration.Key) || toleration.Key == OsTaintKey
            : toleration.Key == OsTaintKey && toleration.Value == PodOsTarget.Windows;
    }
}
