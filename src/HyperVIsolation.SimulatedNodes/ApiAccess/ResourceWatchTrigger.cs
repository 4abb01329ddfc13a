using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.ApiAccess;

/// <summary>
/// Keeps a watch open and turns every change into a <see cref="ChangeSignal"/> notification. The watch
/// restarts from the last resourceVersion seen when it ends (server timeout), and from scratch after a
/// 410 (which KubernetesClient reports through <c>onError</c>, not as an exception) or any failure.
/// </summary>
internal static partial class ResourceWatchTrigger
{
    /// <summary>Starts a watch from a resourceVersion (null = current state) with an error callback.</summary>
    public delegate IAsyncEnumerable<(WatchEventType Type, T Object)> StartWatch<T>(
        string? resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);

    public static async Task RunAsync<T>(
        string what,
        StartWatch<T> startWatch,
        ChangeSignal signal,
        TimeSpan retryDelay,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            Exception? error = null;
            try
            {
                await foreach (var (type, obj) in startWatch(resourceVersion, e => error ??= e, cancellationToken))
                {
                    resourceVersion = obj?.Metadata?.ResourceVersion ?? resourceVersion;
                    if (type != WatchEventType.Bookmark)
                    {
                        signal.Notify();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or KubernetesException or System.Text.Json.JsonException)
            {
                error = e;
            }

            if (error is not null)
            {
                LogWatchFailed(logger, what, error.Message);
                resourceVersion = null;

                // Whatever was missed is re-read by the loop this signal wakes.
                signal.Notify();
                await DelayAsync(retryDelay, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Whether a watch or API error means 410 Gone.</summary>
    public static bool IsGone(Exception error) => error switch
    {
        KubernetesException { Status: { } status } => status.Code == (int)HttpStatusCode.Gone,
        HttpOperationException { Response: { } response } => response.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };

    private static async Task DelayAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {What} ended with an error, restarting: {Error}")]
    private static partial void LogWatchFailed(ILogger logger, string what, string error);
}
