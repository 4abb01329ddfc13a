using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// The only way the caches reach the Kubernetes API: list and watch one resource type. Production uses
/// <see cref="KubernetesResourceClient{T}"/>; tests and simulations use fakes.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
public interface IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Lists one page of objects.</summary>
    /// <param name="namespace">Only this namespace, or every namespace (and cluster-scoped types) when <see langword="null"/>.</param>
    /// <param name="labelSelector">Only objects matching this selector, when set.</param>
    /// <param name="fieldSelector">Only objects matching this field selector, when set.</param>
    /// <param name="continueToken">The previous page's continue token, or <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    Task<ResourceListPage<T>> ListAsync(
        string? @namespace, string? labelSelector, string? fieldSelector, string? continueToken, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the changes after <paramref name="resourceVersion"/>. The enumeration ends normally when the
    /// server closes the watch (its timeout); a too-old resourceVersion ends it with a
    /// <see cref="WatchEventKind.Expired"/> event, any other server error with <see cref="WatchEventKind.Error"/>;
    /// a broken connection throws.
    /// </summary>
    /// <param name="namespace">As for <see cref="ListAsync"/>.</param>
    /// <param name="labelSelector">As for <see cref="ListAsync"/>.</param>
    /// <param name="fieldSelector">As for <see cref="ListAsync"/>.</param>
    /// <param name="resourceVersion">Where to start.</param>
    /// <param name="allowBookmarks">Whether the server may send bookmarks.</param>
    /// <param name="timeoutSeconds">When the server should close the watch.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The events.</returns>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace,
        string? labelSelector,
        string? fieldSelector,
        string resourceVersion,
        bool allowBookmarks,
        int timeoutSeconds,
        CancellationToken cancellationToken);
}
