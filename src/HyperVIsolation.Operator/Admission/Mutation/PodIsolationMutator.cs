using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.Operator.Admission.Pods;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>
/// Puts a pod of a covered namespace into a Hyper-V utility VM: drops every <c>io.microsoft.*</c>
/// annotation the operator would not write, then sets the VM annotations, the Hyper-V
/// RuntimeClass, <c>spec.os.name: windows</c>, the <c>kubernetes.io/os: windows</c> node selector
/// the <c>os=windows:NoSchedule</c> toleration and the pod's one <c>isolation.hyperv.dev/vm</c>
/// (<see cref="VmResourceMutation"/>). Linux pods only lose the annotations.
/// Every step compares with what is there first, so a second pass over its own output yields no
/// operations, which is what makes <c>reinvocationPolicy: IfNeeded</c> safe. Pure.
/// </summary>
internal static class PodIsolationMutator
{
    private const string AnnotationsPointer = "/metadata/annotations";

    private static readonly string OsNodeSelectorPointer = "/spec/nodeSelector/" + Escape(WellKnownLabels.Os);

    // The pointers of the annotations the operator writes, worded once; other keys (removed ones) are worded on use.
    private static readonly FrozenDictionary<string, string> OperatorAnnotationPointers = ExpectedPodAnnotations.SizingKeys
        .Append(HcsAnnotations.DisableUnsafeOperations)
        .ToFrozenDictionary(key => key, key => AnnotationsPointer + "/" + Escape(key), StringComparer.Ordinal);

    // The constant values, parsed once into immutable elements. Each operation gets its own node over them (a small
    // wrapper that materialises only if something reads into it), so no mutable node is shared between requests.
    private static readonly JsonElement WindowsOs = Element(new JsonObject { ["name"] = PodOsTarget.Windows });
    private static readonly JsonElement WindowsNodeSelector = Element(new JsonObject { [WellKnownLabels.Os] = PodOsTarget.Windows });
    private static readonly JsonElement WindowsToleration = Element(Toleration());
    private static readonly JsonElement WindowsTolerations = Element(new JsonArray(Toleration()));

    /// <summary>The patch for <paramref name="pod"/>; empty when no policy covers it or it conforms.</summary>
    public static IReadOnlyList<JsonPatchOperation> Mutate(AdmissionPod pod, PodMutationContext context)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(context);
        if (context.CoveringPolicies.Count == 0)
        {
            return [];
        }

        // A tenant's new pod gets about nine operations: its VM annotations, class, OS, selector, toleration and VM resource.
        var operations = new List<JsonPatchOperation>(9);
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
            VmResourceMutation.Mutate(pod, operations);
        }

        return operations;
    }

    private static void MutateAnnotations(AdmissionPod pod, IReadOnlyDictionary<string, string> expected, List<JsonPatchOperation> operations)
    {
        var actual = pod.Metadata?.Annotations;
        if (actual is null)
        {
            if (expected.Count == 0)
            {
                return;
            }

            var all = new JsonObject();
            foreach (var (key, value) in expected)
            {
                all[key] = value;
            }

            operations.Add(pod.Metadata is null
                ? JsonPatchOperation.Add("/metadata", new JsonObject { ["annotations"] = all })
                : JsonPatchOperation.Add(AnnotationsPointer, all));
            return;
        }

        // Removals and replacements in key order, so the patch is the same for the same pod.
        var microsoftKeys = SortedMicrosoftKeys(actual);
        for (var index = 0; index < (microsoftKeys?.Count ?? 0); index++)
        {
            var key = microsoftKeys![index];
            if (!expected.TryGetValue(key, out var wanted))
            {
                operations.Add(JsonPatchOperation.Remove(AnnotationPointer(key)));
            }
            else if (wanted != actual[key])
            {
                operations.Add(JsonPatchOperation.Replace(AnnotationPointer(key), JsonValue.Create(wanted)));
            }
        }

        foreach (var (key, wanted) in expected)
        {
            if (!actual.ContainsKey(key))
            {
                operations.Add(JsonPatchOperation.Add(AnnotationPointer(key), JsonValue.Create(wanted)));
            }
        }
    }

    /// <summary>The pod's <c>io.microsoft.*</c> keys in ordinal order, or <see langword="null"/> for none (a tenant's pod usually has none).</summary>
    private static List<string>? SortedMicrosoftKeys(IDictionary<string, string> annotations)
    {
        List<string>? keys = null;
        foreach (var (key, _) in annotations)
        {
            if (ExpectedPodAnnotations.IsMicrosoftKey(key))
            {
                (keys ??= []).Add(key);
            }
        }

        keys?.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static string AnnotationPointer(string key) =>
        OperatorAnnotationPointers.TryGetValue(key, out var pointer) ? pointer : AnnotationsPointer + "/" + Escape(key);

    /// <summary>Only an unset class is filled in: a class the tenant chose is judged by validation, not silently replaced.</summary>
    private static void MutateRuntimeClass(AdmissionPod pod, PodMutationContext context, List<JsonPatchOperation> operations)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.RuntimeClassName) || pod.Spec is null)
        {
            return;
        }

        if (PodRuntimeClassPicker.For(pod.Spec?.NodeSelector, context.RuntimeClasses, context.ReadyNodeBuilds) is { } name)
        {
            operations.Add(JsonPatchOperation.Add("/spec/runtimeClassName", JsonValue.Create(name)));
        }
    }

    private static void MutateOs(AdmissionPod pod, List<JsonPatchOperation> operations)
    {
        if (pod.Spec is null || pod.Spec.Os?.Name == PodOsTarget.Windows)
        {
            return;
        }

        operations.Add(pod.Spec.Os is null
            ? JsonPatchOperation.Add("/spec/os", JsonObject.Create(WindowsOs)!)
            : JsonPatchOperation.Replace("/spec/os/name", JsonValue.Create(PodOsTarget.Windows)));
    }

    private static void MutateNodeSelector(AdmissionPod pod, List<JsonPatchOperation> operations)
    {
        if (pod.Spec is null)
        {
            return;
        }

        var selector = pod.Spec.NodeSelector;
        if (selector is null)
        {
            operations.Add(JsonPatchOperation.Add("/spec/nodeSelector", JsonObject.Create(WindowsNodeSelector)!));
            return;
        }

        if (!selector.TryGetValue(WellKnownLabels.Os, out var os) || os != PodOsTarget.Windows)
        {
            // "add" on an existing member replaces it (RFC 6902 4.1), so one operation covers both cases.
            operations.Add(JsonPatchOperation.Add(OsNodeSelectorPointer, JsonValue.Create(PodOsTarget.Windows)));
        }
    }

    private static void MutateTolerations(AdmissionPod pod, List<JsonPatchOperation> operations)
    {
        if (pod.Spec is null || ToleratesWindowsTaint(pod.Spec.Tolerations))
        {
            return;
        }

        operations.Add(pod.Spec.Tolerations is null
            ? JsonPatchOperation.Add("/spec/tolerations", JsonArray.Create(WindowsTolerations)!)
            : JsonPatchOperation.Add("/spec/tolerations/-", JsonObject.Create(WindowsToleration)!));
    }

    /// <summary>One RFC 6901 reference token: <c>~</c> becomes <c>~0</c> (first), then <c>/</c> becomes <c>~1</c>.</summary>
    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    // The same toleration the operator renders into its pods and RuntimeClasses, in the members' usual order.
    private static JsonObject Toleration()
    {
        var toleration = WindowsScheduling.WindowsToleration();
        return new() { ["key"] = toleration.Key, ["operator"] = toleration.OperatorProperty, ["value"] = toleration.Value, ["effect"] = toleration.Effect };
    }

    private static JsonElement Element(JsonNode value)
    {
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.Clone();
    }

    private static bool ToleratesWindowsTaint(IReadOnlyList<V1Toleration?>? tolerations)
    {
        for (var index = 0; index < (tolerations?.Count ?? 0); index++)
        {
            if (ToleratesWindowsTaint(tolerations![index]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ToleratesWindowsTaint(V1Toleration? toleration)
    {
        if (toleration is null || !(string.IsNullOrEmpty(toleration.Effect) || toleration.Effect == WindowsScheduling.NoScheduleEffect))
        {
            return false;
        }

        return toleration.OperatorProperty == "Exists"
            ? string.IsNullOrEmpty(toleration.Key) || toleration.Key == WindowsScheduling.OsTaintKey
            : toleration.Key == WindowsScheduling.OsTaintKey && toleration.Value == WindowsScheduling.WindowsOs;
    }
}
