namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>How a cached object changed.</summary>
public enum ResourceChangeKind
{
    /// <summary>The object is new to the cache.</summary>
    Added,

    /// <summary>The object was in the cache with another resourceVersion.</summary>
    Updated,

    /// <summary>The object left the cache.</summary>
    Deleted,
}
