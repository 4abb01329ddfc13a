namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Builds the 409 kube-apiserver answers an apply that conflicts with other managers, with the
/// same message text and <c>FieldManagerConflict</c> causes.
/// </summary>
internal static class ApplyConflicts
{
    public const string CauseType = "FieldManagerConflict";

    public static PatchException ToException(IReadOnlyList<(ManagedFieldsEntry Owner, FieldSet Fields)> conflicts)
    {
        var byManager = conflicts
            .OrderBy(c => c.Owner.Manager, StringComparer.Ordinal)
            .ThenBy(c => c.Owner.Operation, StringComparer.Ordinal)
            .ThenBy(c => c.Owner.ApiVersion, StringComparer.Ordinal)
            .Select(c => (Manager: c.Owner.Describe(), Paths: c.Fields.MemberPaths().Select(FieldPathPrinter.Print).ToList()))
            .ToList();
        var causes = byManager
            .SelectMany(c => c.Paths.Select(path => new PatchFailureCause(CauseType, $"conflict with {c.Manager}", path)))
            .ToList();
        return PatchException.Conflict(Message(byManager, causes.Count), causes);
    }

    private static string Message(List<(string Manager, List<string> Paths)> byManager, int count)
    {
        if (count == 1)
        {
            return $"Apply failed with 1 conflict: conflict with {byManager[0].Manager}: {byManager[0].Paths[0]}";
        }

        var lines = byManager.SelectMany(c => c.Paths.Select(path => $"- {path}").Prepend($"conflicts with {c.Manager}:"));
        return $"Apply failed with {count} conflicts: {string.Join("\n", lines)}";
    }
}
