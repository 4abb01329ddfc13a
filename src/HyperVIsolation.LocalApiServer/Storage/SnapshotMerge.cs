namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// Merges a resource's current table with the states some of its keys had at an older version,
/// in key order, without copying the table: the view a paginated list reads at its snapshot.
/// </summary>
internal static class SnapshotMerge
{
    /// <summary>
    /// The table with every key of <paramref name="undone"/> replaced by its older state (absent when null).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, StoredObject>> Merge(SortedDictionary<string, StoredObject> table, Dictionary<string, StoredObject?> undone)
    {
        var older = undone.Keys.Order(StringComparer.Ordinal).ToList();
        var next = 0;
        foreach (var current in table)
        {
            // Keys that exist only in the past (deleted since) come before the current key they precede.
            for (; next < older.Count && string.CompareOrdinal(older[next], current.Key) < 0; next++)
            {
                if (undone[older[next]] is { } past)
                {
                    yield return new(older[next], past);
                }
            }

            if (next < older.Count && older[next] == current.Key)
            {
                if (undone[older[next]] is { } past)
                {
                    yield return new(current.Key, past);
                }

                next++;
                continue;
            }

            yield return current;
        }

        for (; next < older.Count; next++)
        {
            if (undone[older[next]] is { } past)
            {
                yield return new(older[next], past);
            }
        }
    }
}
