using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Apply;
using HyperVIsolation.LocalApiServer.Patching.Schema;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Server-side apply of one request: the main resource of a kind with a status subresource
/// ignores the applied status, the status subresource applies only status, and a manager's
/// status entry stays apart from its main-resource entry (<c>subresource: status</c>).
/// </summary>
public static class ServerSideApplier
{
    // A manager name no client can send (it holds a NUL), used while applying to status so that
    // the library sees the manager's main-resource entry as someone else's.
    private const string MainEntrySuffix = "\u0000main";

    /// <summary>Applies <paramref name="applied"/> to <paramref name="live"/> (null: create).</summary>
    public static JsonObject Apply(
        ResourceDefinition resource, JsonObject? live, JsonObject applied, string? subresource, string manager, bool force, ApplySchema schema, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var configuration = Scoped(resource, applied, subresource);
        if (subresource != "status")
        {
            return PatchApplier.Translate(() => ServerSideApply.Apply(live, configuration, manager, force, schema, now));
        }

        var scopedLive = live is null ? null : (JsonObject)live.DeepClone();
        RenameEntries(scopedLive, manager, toStatusScope: true);
        var result = PatchApplier.Translate(() => ServerSideApply.Apply(scopedLive, configuration, manager, force, schema, now));
        RenameEntries(result, manager, toStatusScope: false);
        return result;
    }

    private static JsonObject Scoped(ResourceDefinition resource, JsonObject applied, string? subresource)
    {
        var configuration = (JsonObject)applied.DeepClone();
        if (subresource == "status")
        {
            var kept = new JsonObject();
            foreach (var field in new[] { "apiVersion", "kind", "status" })
            {
                kept[field] = configuration[field]?.DeepClone();
            }

            var metadata = configuration["metadata"] as JsonObject;
            kept["metadata"] = new JsonObject { ["name"] = metadata?["name"]?.DeepClone(), ["namespace"] = metadata?["namespace"]?.DeepClone() };
            return kept;
        }

        if (resource.HasStatus)
        {
            configuration.Remove("status");
        }

        return configuration;
    }

    // toStatusScope: the manager's status entry becomes its plain Apply entry and its main entry is
    // parked under a private name; the reverse afterwards.
    private static void RenameEntries(JsonObject? obj, string manager, bool toStatusScope)
    {
        if (obj?["metadata"]?["managedFields"] is not JsonArray entries)
        {
            return;
        }

        foreach (var entry in entries.OfType<JsonObject>().Where(e => e["operation"]?.ToString() == "Apply"))
        {
            var name = entry["manager"]?.ToString();
            var sub = entry["subresource"]?.ToString();
            if (toStatusScope && name == manager && sub is null)
            {
                entry["manager"] = manager + MainEntrySuffix;
            }
            else if (toStatusScope && name == manager && sub == "status")
            {
                entry.Remove("subresource");
            }
            else if (!toStatusScope && name == manager && sub is null)
            {
                entry["subresource"] = "status";
            }
            else if (!toStatusScope && name == manager + MainEntrySuffix)
            {
                entry["manager"] = manager;
            }
        }
    }
}
