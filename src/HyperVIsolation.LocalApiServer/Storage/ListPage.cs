namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>A page of a list answer.</summary>
/// <param name="Items">Objects on this page (shared stored versions: read only).</param>
/// <param name="ResourceVersion">Snapshot version the list was read at.</param>
/// <param name="Continue">Token for the next page, or null when this is the last page.</param>
/// <param name="RemainingItemCount">Objects after this page, when paginated.</param>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
