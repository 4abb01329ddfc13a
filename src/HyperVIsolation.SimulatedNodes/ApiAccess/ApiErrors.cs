using System.Net;
using k8s.Autorest;

namespace HyperVIsolation.SimulatedNodes.ApiAccess;

/// <summary>Classifies KubernetesClient failures the loops expect and handle (they retry on the next pass).</summary>
internal static class ApiErrors
{
    public static bool IsStatus(Exception error, HttpStatusCode code) =>
        error is HttpOperationException { Response: { } response } && response.StatusCode == code;

    public static bool IsNotFound(Exception error) => IsStatus(error, HttpStatusCode.NotFound);

    public static bool IsConflict(Exception error) => IsStatus(error, HttpStatusCode.Conflict);

    /// <summary>410 Gone, as an API response or as the watch error KubernetesClient hands to <c>onError</c>.</summary>
    public static bool IsGone(Exception error) => error switch
    {
        k8s.KubernetesException { Status: { } status } => status.Code == (int)HttpStatusCode.Gone,
        _ => IsStatus(error, HttpStatusCode.Gone),
    };

    /// <summary>An API or transport failure a loop survives by trying again later.</summary>
    public static bool IsTransient(Exception error) =>
        error is HttpOperationException or HttpRequestException or IOException or TaskCanceledException or k8s.KubernetesException;
}
