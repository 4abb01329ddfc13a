using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>
/// kube-apiserver's built-in RuntimeClass admission on pod CREATE: the named class must exist,
/// <c>spec.overhead</c> comes from the class (a different one is rejected), the class's
/// <c>scheduling.nodeSelector</c> is merged (a conflicting value is rejected) and its tolerations appended.
/// </summary>
public sealed class RuntimeClassAdmission(ObjectStore store)
{
    private const string Storage = "runtimeclasses.node.k8s.io";

    /// <summary>Mutates and validates a pod being created; 403 Forbidden on rejection.</summary>
    public void Admit(JsonObject pod, string podName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod["spec"] is not JsonObject spec)
        {
            return;
        }

        var className = spec["runtimeClassName"]?.ToString();
        if (string.IsNullOrEmpty(className))
        {
            if (spec["overhead"] is JsonObject { Count: > 0 })
            {
                throw Forbidden(podName, "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead");
            }

            return;
        }

        var runtimeClass = store.Get(Storage, string.Empty, className) ?? throw Forbidden(podName, $"pod rejected: RuntimeClass \"{className}\" not found");
        SetOverhead(spec, runtimeClass, podName);
        SetScheduling(spec, runtimeClass, podName);
    }

    private static void SetOverhead(JsonObject spec, JsonObject runtimeClass, string podName)
    {
        var podFixed = runtimeClass["overhead"]?["podFixed"] as JsonObject;
        var given = spec["overhead"] as JsonObject;
        if (podFixed is null)
        {
            if (given is { Count: > 0 })
            {
                throw Forbidden(podName, "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead");
            }

            return;
        }

        if (given is { Count: > 0 } && !JsonNode.DeepEquals(given, podFixed))
        {
            throw Forbidden(podName, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
        }

        spec["overhead"] = podFixed.DeepClone();
    }

    private static void SetScheduling(JsonObject spec, JsonObject runtimeClass, string podName)
    {
        if (runtimeClass["scheduling"] is not JsonObject scheduling)
        {
            return;
        }

        var selector = spec["nodeSelector"] as JsonObject ?? [];
        foreach (var (key, value) in scheduling["nodeSelector"] as JsonObject ?? [])
        {
            var wanted = value?.ToString();
            if (selector[key]?.ToString() is { } podValue && podValue != wanted)
            {
                throw Forbidden(podName, $"conflict: runtimeClass.scheduling.nodeSelector[{key}] = {wanted}; pod.spec.nodeSelector[{key}] = {podValue}");
            }

            selector[key] = wanted;
        }

        if (selector.Count > 0)
        {
            spec["nodeSelector"] = selector;
        }

        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var toleration in (scheduling["tolerations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!tolerations.Any(t => JsonNode.DeepEquals(t, toleration)))
            {
                tolerations.Add(toleration.DeepClone());
            }
        }

        if (tolerations.Count > 0)
        {
            spec["tolerations"] = tolerations;
        }
    }

    private static ApiException Forbidden(string podName, string why) => ApiErrors.Forbidden(string.Empty, "pods", podName, why);
}
