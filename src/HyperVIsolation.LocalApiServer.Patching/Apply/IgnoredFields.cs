namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Fields no manager ever owns, as kube-apiserver strips them from managed fields: the type, the
/// identity and the bookkeeping of ObjectMeta (and <c>metadata</c> itself).
/// </summary>
internal static class IgnoredFields
{
    private static readonly HashSet<string> MetadataFields = new(StringComparer.Ordinal)
    {
        "f:name", "f:namespace", "f:creationTimestamp", "f:selfLink", "f:uid", "f:clusterName",
        "f:generation", "f:managedFields", "f:resourceVersion", "f:deletionTimestamp",
        "f:deletionGracePeriodSeconds",
    };

    public static bool IsIgnored(IReadOnlyList<string> path) => path.Count switch
    {
        0 => true,
        1 => path[0] is "f:apiVersion" or "f:kind" or "f:metadata",
        _ => path[0] == "f:metadata" && MetadataFields.Contains(path[1]),
    };

    public static FieldSet Strip(FieldSet set) => FieldSet.Build(set.MemberPaths().Where(path => !IsIgnored(path)));
}
