namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>One page of a paginated list.</summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="Items">The objects of this page.</param>
/// <param name="ResourceVersion">The list's resourceVersion: where a watch of later changes starts.</param>
/// <param name="ContinueToken">The token for the next page, or <see langword="null"/> on the last page.</param>
public sealed record ResourceListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? ContinueToken);
