namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>Per-request settings of a write and the warnings it collects.</summary>
/// <param name="FieldValidation">Strict, Warn or Ignore (kube-apiserver's default is Warn).</param>
/// <param name="DryRun">True for <c>dryRun=All</c>: validate and answer, persist nothing.</param>
public sealed record WriteContext(string FieldValidation, bool DryRun)
{
    /// <summary>Warnings for the <c>Warning</c> response header.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// The field manager recorded as an <c>Update</c> entry of <c>metadata.managedFields</c>;
    /// null for writes that track no ownership (server-internal writes, server-side apply).
    /// </summary>
    public string? FieldManager { get; init; }

    /// <summary>The subresource written (status, binding, ephemeralcontainers, ...); null for the object itself.</summary>
    public string? Subresource { get; init; }

    /// <summary>Default context: Warn, not a dry run.</summary>
    public static WriteContext Default => new("Warn", false);
}
