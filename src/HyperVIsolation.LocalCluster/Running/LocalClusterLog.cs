using Microsoft.Extensions.Logging;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>The runner's log messages (shown with <c>--verbose</c>; the demo's own output is for people).</summary>
internal static partial class LocalClusterLog
{
    [LoggerMessage(1, LogLevel.Information, "Local API server listening on {BaseUri}, kubeconfig {KubeconfigPath}")]
    public static partial void ApiServerStarted(ILogger logger, Uri baseUri, string kubeconfigPath);

    [LoggerMessage(2, LogLevel.Information, "{Count} simulated nodes registered")]
    public static partial void NodesStarted(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Information, "Operator ready, metrics on {MetricsUri}")]
    public static partial void OperatorStarted(ILogger logger, Uri metricsUri);

    [LoggerMessage(4, LogLevel.Information, "{Manifest} from {File}: {Action}")]
    public static partial void Applied(ILogger logger, string manifest, string file, string action);

    [LoggerMessage(5, LogLevel.Warning, "Stopping {Component} failed")]
    public static partial void StopFailed(ILogger logger, Exception exception, string component);

    [LoggerMessage(6, LogLevel.Error, "The local cluster failed")]
    public static partial void Failed(ILogger logger, Exception exception);
}
