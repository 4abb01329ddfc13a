using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using HyperVIsolation.Operator.Admission.Pods;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>
/// Makes a Hyper-V pod hold exactly one of its node's utility VMs: its first container requests
/// <c>isolation.hyperv.dev/vm: 1</c> with an equal limit (extended resources allow no other shape), and no other
/// container, init container included, asks for any (a tenant's <c>0</c> would dodge the count, a <c>2</c> would hold
/// a VM another pod needs). A pod the operator rendered already conforms and gets no operation. Pure.
/// </summary>
internal static class VmResourceMutation
{
    private static readonly string EscapedName = WellKnownResources.HyperVVm.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static readonly string One = WellKnownResources.VmsPerPod.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds the operations that give <paramref name="pod"/> its one VM to <paramref name="operations"/>.</summary>
    public static void Mutate(AdmissionPod pod, List<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(operations);
        var containers = pod.Spec?.Containers;
        if (containers is not { Count: > 0 } || containers[0] is null)
        {
            // Validation refuses a pod without containers; there is nothing to hang the request on.
            return;
        }

        RequestOne(containers[0]!.Resources, "/spec/containers/0", operations);
        RemoveFrom(containers, "/spec/containers/", first: 1, operations);
        RemoveFrom(pod.Spec!.InitContainers, "/spec/initContainers/", first: 0, operations);
    }

    private static void RequestOne(V1ResourceRequirements? resources, string container, List<JsonPatchOperation> operations)
    {
        if (resources is null)
        {
            operations.Add(JsonPatchOperation.Add(container + "/resources", new JsonObject
            {
                ["requests"] = new JsonObject { [WellKnownResources.HyperVVm] = One },
                ["limits"] = new JsonObject { [WellKnownResources.HyperVVm] = One },
            }));
            return;
        }

        SetOne(resources.Requests, container + "/resources/requests", operations);
        SetOne(resources.Limits, container + "/resources/limits", operations);
    }

    private static void SetOne(IDictionary<string, ResourceQuantity>? quantities, string map, List<JsonPatchOperation> operations)
    {
        if (quantities is null)
        {
            operations.Add(JsonPatchOperation.Add(map, new JsonObject { [WellKnownResources.HyperVVm] = One }));
        }
        else if (!quantities.TryGetValue(WellKnownResources.HyperVVm, out var quantity) || quantity is null || !IsOne(quantity))
        {
            // "add" on an existing member replaces it (RFC 6902 4.1), so one operation covers both cases.
            operations.Add(JsonPatchOperation.Add(map + "/" + EscapedName, JsonValue.Create(One)));
        }
    }

    private static void RemoveFrom(IReadOnlyList<AdmissionContainer?>? containers, string list, int first, List<JsonPatchOperation> operations)
    {
        for (var index = first; index < (containers?.Count ?? 0); index++)
        {
            var resources = containers![index]?.Resources;
            if (resources?.Requests?.ContainsKey(WellKnownResources.HyperVVm) == true)
            {
                operations.Add(JsonPatchOperation.Remove(string.Create(CultureInfo.InvariantCulture, $"{list}{index}/resources/requests/{EscapedName}")));
            }

            if (resources?.Limits?.ContainsKey(WellKnownResources.HyperVVm) == true)
            {
                operations.Add(JsonPatchOperation.Remove(string.Create(CultureInfo.InvariantCulture, $"{list}{index}/resources/limits/{EscapedName}")));
            }
        }
    }

    private static bool IsOne(ResourceQuantity quantity)
    {
        try
        {
            return quantity.ToDecimal() == WellKnownResources.VmsPerPod;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
