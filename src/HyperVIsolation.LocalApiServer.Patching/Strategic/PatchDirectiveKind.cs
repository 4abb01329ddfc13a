namespace HyperVIsolation.LocalApiServer.Patching.Strategic;

/// <summary>The value of a <c>$patch</c> directive.</summary>
internal enum PatchDirectiveKind
{
    /// <summary>No directive, or <c>$patch: merge</c>: merge as usual.</summary>
    Merge,

    /// <summary><c>$patch: replace</c>: the patch value replaces the original.</summary>
    Replace,

    /// <summary><c>$patch: delete</c>: the original is removed.</summary>
    Delete,
}
