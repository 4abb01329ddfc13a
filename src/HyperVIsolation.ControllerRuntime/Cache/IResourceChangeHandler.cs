namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// Receives the changes of a cache, typically to add keys to a work queue. Calls come one at a time from
/// the informer's loop, so they must be quick; the objects are shared with the cache and must not be modified.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
public interface IResourceChangeHandler<in T>
    where T : class
{
    /// <summary>An object appeared.</summary>
    /// <param name="obj">The object.</param>
    void OnAdded(T obj);

    /// <summary>An object changed.</summary>
    /// <param name="oldObj">The previously cached state.</param>
    /// <param name="newObj">The new state.</param>
    void OnUpdated(T oldObj, T newObj);

    /// <summary>An object disappeared.</summary>
    /// <param name="obj">Its last known state.</param>
    void OnDeleted(T obj);
}
