using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Json;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Records non-apply writes (POST, PUT, PATCH with <c>fieldManager</c>) in
/// <c>metadata.managedFields</c> as an <c>Update</c> entry, as kube-apiserver does: the writer
/// takes every field it added or changed from whoever owned it, and removed fields lose their owners.
/// </summary>
public static class ManagedFieldsTracker
{
    /// <summary>
    /// The managedFields value that clears the list (<c>[{}]</c>); an empty list or a missing
    /// list in the written object means "keep the current entries".
    /// </summary>
    private static readonly JsonArray ResetMarker = [new JsonObject()];

    /// <summary>Returns <paramref name="after"/> with managedFields updated for a write by <paramref name="manager"/>.</summary>
    /// <param name="before">The object before the write, or null for a create.</param>
    /// <param name="after">The object as written (its managedFields, if changed by the client, are taken as given).</param>
    /// <param name="manager">The <c>fieldManager</c> (kube-apiserver defaults it from the user agent, e.g. <c>kubectl-edit</c>).</param>
    /// <param name="schema">The kind's merge strategies.</param>
    /// <param name="now">The time recorded when the write changes fields.</param>
    /// <param name="subresource">The subresource written, e.g. <c>status</c>; null for the main resource.</param>
    /// <returns>A copy of <paramref name="after"/> with <c>metadata.managedFields</c> set; inputs are not modified.</returns>
    /// <exception cref="PatchException">A document is nested absurdly deep.</exception>
    public static JsonObject RecordUpdate(
        JsonObject? before, JsonObject after, string manager, ApplySchema schema, DateTimeOffset now, string? subresource = null)
    {
        JsonDepthGuard.Ensure(before, "the object");
        JsonDepthGuard.Ensure(after, "the object");
        var entries = StartingEntries(before, after);
        var oldContent = ManagedObject.Content(before);
        var result = ManagedObject.Content(after);
        var comparison = ObjectComparer.Compare(oldContent, result, schema.Root);
        var changed = comparison.Changed;

        var writer = new ManagedFieldsEntry(manager, ManagedFieldsEntry.UpdateOperation,
            ManagedObject.StringMember(after, "apiVersion"), ManagedObject.FormatTime(now), subresource, changed);
        var previous = entries.Find(writer.IsSameManager);
        entries.RemoveAll(writer.IsSameManager);
        entries = [.. entries.Select(entry => entry with { Fields = entry.Fields.Except(changed).Except(comparison.Removed) })];
        if (!changed.IsEmpty)
        {
            var kept = previous?.Fields.Except(comparison.Removed) ?? new FieldSet();
            entries.Add(writer with { Fields = kept.Union(changed) });
        }
        else if (previous is not null)
        {
            entries.Add(previous with { Fields = previous.Fields.Except(comparison.Removed) });
        }

        ManagedObject.SetManagedFields(result, entries);
        return result;
    }

    private static List<ManagedFieldsEntry> StartingEntries(JsonObject? before, JsonObject after)
    {
        var current = ManagedObject.ManagedFieldsOf(before);
        var given = ManagedObject.ManagedFieldsOf(after);
        if (JsonNode.DeepEquals(given, ResetMarker))
        {
            return [];
        }

        var clientChangedThem = given is JsonArray { Count: > 0 } && !JsonNode.DeepEquals(given, current);
        return ManagedFieldsCodec.Read(clientChangedThem ? given : current);
    }
}
