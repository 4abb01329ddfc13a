using System.Net;
using HyperVIsolation.ControllerRuntime.Controllers;
using k8s.Autorest;

namespace HyperVIsolation.ControllerRuntime.ApiAccess;

/// <summary>What an API error means to a reconcile: the status code of the client's exception and the result it leads to.</summary>
public static class ApiFailure
{
    /// <summary>The HTTP status of an API error, or <see langword="null"/> for anything else (a broken connection, a timeout).</summary>
    public static HttpStatusCode? StatusOf(Exception exception) =>
        exception is HttpOperationException { Response: { } response } ? response.StatusCode : null;

    /// <summary>Whether <paramref name="exception"/> is an API answer with <paramref name="status"/>.</summary>
    public static bool Is(Exception exception, HttpStatusCode status) => StatusOf(exception) == status;

    /// <summary>
    /// The result of a reconcile that hit <paramref name="exception"/>: a conflict means the cache was
    /// stale, so look again at once (the watch brings the newer object); a missing object needs
    /// nothing more (its deletion wakes whoever cares); anything else (429, 5xx, a broken
    /// connection) is retried with the key's backoff.
    /// </summary>
    public static ReconcileResult ResultOf(Exception exception, string action) => StatusOf(exception) switch
    {
        HttpStatusCode.Conflict => ReconcileResult.RequeueAfter(TimeSpan.Zero),
        HttpStatusCode.NotFound => ReconcileResult.Done,
        { } status => ReconcileResult.Failed($"{action}: HTTP {(int)status}"),
        null => ReconcileResult.Failed($"{action}: {exception.GetType().Name}: {exception.Message}"),
    };

    /// <summary>A short description for Events and logs: the status and the server's message when there is one.</summary>
    public static string Describe(Exception exception)
    {
        if (exception is not HttpOperationException { Response: { } response })
        {
            return exception.GetType().Name + ": " + exception.Message;
        }

        var content = response.Content ?? string.Empty;
        var message = content.Length > 300 ? content[..300] : content;
        return $"HTTP {(int)response.StatusCode} {message}".TrimEnd();
    }

    /// <summary>410 Gone, as an API response or as the watch error KubernetesClient hands to <c>onError</c>.</summary>
    public static bool IsGone(Exception exception) => exception switch
    {
        k8s.KubernetesException { Status: { } status } => status.Code == (int)HttpStatusCode.Gone,
        _ => Is(exception, HttpStatusCode.Gone),
    };

    /// <summary>An API or transport failure a loop survives by trying again later.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is HttpOperationException or HttpRequestException or IOException or TaskCanceledException or k8s.KubernetesException;

    /// <summary>Whether a failed call should end the reconcile with <see cref="ResultOf"/> instead of being thrown away.</summary>
    public static bool IsApiOrTransport(Exception exception) =>
        exception is HttpOperationException or HttpRequestException or IOException or TaskCanceledException { InnerException: TimeoutException };
}
