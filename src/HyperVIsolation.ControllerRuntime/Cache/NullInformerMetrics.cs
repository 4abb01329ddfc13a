namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>Informer metrics that record nothing.</summary>
public sealed class NullInformerMetrics : IInformerMetrics
{
    /// <summary>The shared instance.</summary>
    public static NullInformerMetrics Instance { get; } = new();

    private NullInformerMetrics()
    {
    }

    /// <inheritdoc/>
    public void WatchRestarted(string informer, WatchRestartReason reason)
    {
    }

    /// <inheritdoc/>
    public void CacheSizeChanged(string informer, int size)
    {
    }
}
