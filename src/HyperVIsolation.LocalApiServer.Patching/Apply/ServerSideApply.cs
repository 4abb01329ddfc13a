using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Json;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>, the body already parsed to JSON):
/// merges the applied configuration into the live object, prunes what the manager stopped
/// applying, and records ownership in <c>metadata.managedFields</c>.
/// </summary>
public static class ServerSideApply
{
    /// <summary>Applies <paramref name="applied"/> as <paramref name="manager"/>.</summary>
    /// <param name="live">The live object, or null when the apply creates it.</param>
    /// <param name="applied">The applied configuration (must carry <c>apiVersion</c> and <c>kind</c>).</param>
    /// <param name="manager">The <c>fieldManager</c> query parameter.</param>
    /// <param name="force">The <c>force</c> query parameter: take over conflicting fields.</param>
    /// <param name="schema">The kind's merge strategies (<see cref="ApplySchema.ForBuiltIn"/> or <see cref="ApplySchema.FromOpenApiSchema"/>).</param>
    /// <param name="now">The time recorded in the manager's entry when the object changes.</param>
    /// <returns>The new object with updated <c>metadata.managedFields</c>; inputs are not modified.</returns>
    /// <exception cref="PatchException">409 on conflicts without force, 400 for a malformed configuration.</exception>
    public static JsonObject Apply(JsonObject? live, JsonNode? applied, string manager, bool force, ApplySchema schema, DateTimeOffset now)
    {
        var configuration = ValidConfiguration(applied, manager);
        JsonDepthGuard.Ensure(live, "the object");
        var entries = ManagedFieldsCodec.Read(ManagedObject.ManagedFieldsOf(live));
        var before = ManagedObject.Content(live);
        var merged = (JsonObject)ApplyMerger.Merge(before, configuration, schema.Root)!;

        var applier = new ManagedFieldsEntry(manager, ManagedFieldsEntry.ApplyOperation,
            ManagedObject.StringMember(configuration, "apiVersion"), null, null,
            FieldSetBuilder.Build(configuration, schema.Root));
        var previous = entries.Find(applier.IsSameManager);
        entries.RemoveAll(applier.IsSameManager);
        if (previous is not null)
        {
            var stillOwned = entries.Aggregate(applier.Fields, (owned, entry) => owned.Union(entry.Fields));
            FieldPruner.Prune(merged, previous.Fields.Except(applier.Fields), stillOwned, schema.Root);
        }

        var comparison = ObjectComparer.Compare(before, merged, schema.Root);
        entries = TakeOwnership(entries, comparison, force);
        var changed = !JsonNode.DeepEquals(before, merged);
        entries.Add(applier with { Time = changed || previous is null ? ManagedObject.FormatTime(now) : previous.Time });
        ManagedObject.SetManagedFields(merged, entries);
        return merged;
    }

    private static JsonObject ValidConfiguration(JsonNode? applied, string manager)
    {
        if (string.IsNullOrEmpty(manager))
        {
            throw PatchException.BadRequest("fieldManager is required for apply requests");
        }

        if (applied is not JsonObject obj)
        {
            throw PatchException.BadRequest("the applied configuration must be an object");
        }

        JsonDepthGuard.Ensure(applied, "the applied configuration");
        if (ManagedObject.StringMember(obj, "apiVersion") is null || ManagedObject.StringMember(obj, "kind") is null)
        {
            throw PatchException.BadRequest("the applied configuration must set apiVersion and kind");
        }

        if (ManagedObject.ManagedFieldsOf(obj) is JsonArray { Count: > 0 })
        {
            throw PatchException.BadRequest("metadata.managedFields must be nil");
        }

        return NullMembers.Without(ManagedObject.Content(obj));
    }

    /// <summary>Other managers lose what the apply changed (or the apply fails) and what it removed.</summary>
    private static List<ManagedFieldsEntry> TakeOwnership(List<ManagedFieldsEntry> others, FieldComparison comparison, bool force)
    {
        var changed = comparison.Changed;
        var conflicts = others
            .Select(entry => (Owner: entry, Fields: entry.Fields.Intersect(changed)))
            .Where(conflict => !conflict.Fields.IsEmpty)
            .ToList();
        if (conflicts.Count > 0 && !force)
        {
            throw ApplyConflicts.ToException(conflicts);
        }

        return [.. others
            .Select(entry => entry with { Fields = entry.Fields.Except(changed).Except(comparison.Removed) })
            .Where(entry => !entry.Fields.IsEmpty)];
    }
}
