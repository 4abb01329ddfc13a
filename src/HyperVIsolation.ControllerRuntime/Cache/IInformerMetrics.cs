namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>Receives what informers do, for metrics. Calls must be quick.</summary>
public interface IInformerMetrics
{
    /// <summary>An informer started a new watch or list after the previous one ended.</summary>
    /// <param name="informer">The informer name.</param>
    /// <param name="reason">Why.</param>
    void WatchRestarted(string informer, WatchRestartReason reason);

    /// <summary>The number of cached objects changed.</summary>
    /// <param name="informer">The informer name.</param>
    /// <param name="size">The new number of objects.</param>
    void CacheSizeChanged(string informer, int size);
}
