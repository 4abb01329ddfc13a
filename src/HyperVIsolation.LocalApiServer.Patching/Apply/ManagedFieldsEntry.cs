namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: who owns which fields, through which operation.</summary>
internal sealed record ManagedFieldsEntry(
    string Manager,
    string Operation,
    string? ApiVersion,
    string? Time,
    string? Subresource,
    FieldSet Fields)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    /// <summary>
    /// Entries are one manager's when manager, operation and subresource match; updaters are also
    /// told apart by API version, appliers are not (kube-apiserver's manager identifier).
    /// </summary>
    public bool IsSameManager(ManagedFieldsEntry other) =>
        Manager == other.Manager
        && Operation == other.Operation
        && Subresource == other.Subresource
        && (Operation == ApplyOperation || ApiVersion == other.ApiVersion);

    /// <summary>The manager as conflict messages print it: <c>"helm"</c>, <c>"kubectl-edit" using apps/v1</c>.</summary>
    public string Describe()
    {
        var builder = new System.Text.StringBuilder();
        CompactJson.AppendString(builder, Manager);
        if (!string.IsNullOrEmpty(Subresource))
        {
            builder.Append(" with subresource ");
            CompactJson.AppendString(builder, Subresource);
        }

        if (Operation == UpdateOperation)
        {
            builder.Append(" using ").Append(ApiVersion);
        }

        return builder.ToString();
    }
}
