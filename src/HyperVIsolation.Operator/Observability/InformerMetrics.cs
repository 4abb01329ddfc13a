using HyperVIsolation.ControllerRuntime.Cache;

namespace HyperVIsolation.Operator.Observability;

/// <summary>Records informer restarts and cache sizes into <see cref="OperatorTelemetry"/>.</summary>
/// <param name="telemetry">The instruments.</param>
internal sealed class InformerMetrics(OperatorTelemetry telemetry) : IInformerMetrics
{
    /// <inheritdoc/>
    public void WatchRestarted(string informer, WatchRestartReason reason) =>
        telemetry.WatchRestarts.Add(1, new("resource", informer), new("reason", ReasonTag(reason)));

    /// <inheritdoc/>
    public void CacheSizeChanged(string informer, int size) =>
        telemetry.CacheObjects.Record(size, new KeyValuePair<string, object?>("resource", informer));

    private static string ReasonTag(WatchRestartReason reason) => reason switch
    {
        WatchRestartReason.ServerTimeout => "server_timeout",
        WatchRestartReason.Expired => "expired",
        WatchRestartReason.StreamBroken => "stream_broken",
        WatchRestartReason.ListFailed => "list_failed",
        _ => reason.ToString(),
    };
}
