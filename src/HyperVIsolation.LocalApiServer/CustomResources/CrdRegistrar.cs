using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.CustomResources;

/// <summary>
/// Validates CRDs, marks them <c>NamesAccepted</c> and <c>Established</c>, serves their versions
/// dynamically, and deletes their custom resources when the CRD goes.
/// </summary>
public sealed class CrdRegistrar(ResourceCatalog catalog, ObjectStore store, TimeProvider clock) : IWriteHook
{
    private const string CrdKey = "customresourcedefinitions.apiextensions.k8s.io";

    /// <inheritdoc />
    public void Prepare(ResourceDefinition resource, JsonObject obj, JsonObject? current, WriteContext context)
    {
        if (resource.StorageKey != CrdKey)
        {
            return;
        }

        var errors = CrdReader.Check(obj);
        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(resource.Group, resource.Kind, ObjectMetadata.Name(obj), errors);
        }

        var names = (JsonObject)obj["spec"]!["names"]!;
        var kind = names["kind"]!.ToString();
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        obj["status"] = Status(obj, current);
    }

    /// <inheritdoc />
    public void Written(ResourceDefinition resource, JsonObject stored)
    {
        if (resource.StorageKey == CrdKey)
        {
            catalog.Register(ObjectMetadata.Name(stored), CrdReader.Read(stored));
        }
    }

    /// <inheritdoc />
    public void Removed(ResourceDefinition resource, JsonObject removed)
    {
        if (resource.StorageKey != CrdKey)
        {
            return;
        }

        var name = ObjectMetadata.Name(removed);
        catalog.Unregister(name);
        foreach (var obj in store.All(name))
        {
            store.Delete(name, ObjectMetadata.Namespace(obj), ObjectMetadata.Name(obj));
        }
    }

    private JsonObject Status(JsonObject crd, JsonObject? current)
    {
        var now = ObjectMetadata.Timestamp(clock.GetUtcNow());
        var storage = (crd["spec"]!["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .First(v => v["storage"]?.GetValue<bool>() == true)["name"]!.ToString();
        var stored = (current?["status"]?["storedVersions"] as JsonArray)?.Select(v => v!.ToString()).ToList() ?? [];
        if (!stored.Contains(storage))
        {
            stored.Add(storage);
        }

        return new JsonObject
        {
            ["acceptedNames"] = crd["spec"]!["names"]!.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = new JsonArray(stored.Select(v => (JsonNode)v).ToArray()),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
