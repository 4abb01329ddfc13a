namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>Options of a delete: propagation policy and preconditions.</summary>
/// <param name="PropagationPolicy">Background (default), Foreground or Orphan.</param>
/// <param name="PreconditionUid">Required uid, if any.</param>
/// <param name="PreconditionResourceVersion">Required resourceVersion, if any.</param>
public sealed record DeleteRequest(string? PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion)
{
    /// <summary>Background propagation, no preconditions.</summary>
    public static DeleteRequest Default { get; } = new(null, null, null);

    /// <summary><c>gracePeriodSeconds</c> of the request (query or DeleteOptions), if given.</summary>
    public long? GracePeriodSeconds { get; init; }
}
