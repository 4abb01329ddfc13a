namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>One difference found when a relist replaced the cache.</summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="Kind">The difference.</param>
/// <param name="Old">The cached object before, for updates and deletes.</param>
/// <param name="New">The listed object, for adds and updates.</param>
public sealed record ResourceChange<T>(ResourceChangeKind Kind, T? Old, T? New)
    where T : class;
