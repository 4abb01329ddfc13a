namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>The fields an object change added, modified and removed.</summary>
internal sealed record FieldComparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    /// <summary>Added or modified: what the writer of the change takes ownership of.</summary>
    public FieldSet Changed => Added.Union(Modified);
}
