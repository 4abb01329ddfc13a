using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>
/// <see cref="IResourceClient{T}"/> over KubernetesClient's generic (custom-objects) list call, which
/// serves core types (empty group, <c>/api/v1</c>) and custom resources alike. <see cref="GenericClient"/>
/// is not used: its list needs an <c>IKubernetesObject</c> list type and its watch cannot start from a
/// resourceVersion. The group, version and plural come from the type's <see cref="KubernetesEntityAttribute"/>.
/// </summary>
/// <typeparam name="T">The resource type.</typeparam>
public sealed class KubernetesResourceClient<T> : IResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;
    private readonly string _group;
    private readonly string _version;
    private readonly string _plural;

    /// <summary>Creates the client.</summary>
    /// <param name="client">The Kubernetes client; not disposed by this object.</param>
    public KubernetesResourceClient(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no [KubernetesEntity] attribute.", nameof(client));
        _client = client;
        _group = entity.Group ?? string.Empty;
        _version = entity.ApiVersion;
        _plural = entity.PluralName;
    }

    /// <inheritdoc/>
    public async Task<ResourceListPage<T>> ListAsync(
        string? @namespace, string? labelSelector, string? fieldSelector, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        var operations = _client.CustomObjects;
        using var response = @namespace is null
            ? await operations.ListCustomObjectForAllNamespacesWithHttpMessagesAsync<KubernetesList<T>>(
                _group, _version, _plural, continueParameter: continueToken, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit,
                cancellationToken: cancellationToken)
            : await operations.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(
                _group, _version, @namespace, _plural, continueParameter: continueToken, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit,
                cancellationToken: cancellationToken);
        var list = response.Body;

        // The client is nullable-oblivious: a missing list or metadata is treated as empty here, once.
        var items = list?.Items?.Where(item => item is not null).ToList() ?? [];
        var continueProperty = list?.Metadata?.ContinueProperty;
        return new ResourceListPage<T>(
            items,
            list?.Metadata?.ResourceVersion ?? string.Empty,
            string.IsNullOrEmpty(continueProperty) ? null : continueProperty);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace,
        string? labelSelector,
        string? fieldSelector,
        string resourceVersion,
        bool allowBookmarks,
        int timeoutSeconds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A 410 is not thrown: the client reports it through onError, then simply ends the enumeration.
        Exception? error = null;
        var response = StartWatch(@namespace, labelSelector, fieldSelector, resourceVersion, allowBookmarks, timeoutSeconds, cancellationToken);
        // The typed WatchAsync is marked obsolete in favour of WatchList...Async, which yield untyped objects.
#pragma warning disable CS0618
        var events = response.WatchAsync<T, object>(e => error ??= e, cancellationToken);
#pragma warning restore CS0618
        await foreach (var (type, obj) in events)
        {
            if (ToEvent(type, obj) is { } watchEvent)
            {
                yield return watchEvent;
            }
        }

        if (error is not null)
        {
            yield return new WatchEvent<T>(IsExpired(error) ? WatchEventKind.Expired : WatchEventKind.Error, null, null, error.Message);
        }
    }

    /// <summary>Whether an error reported by a watch means its resourceVersion is too old (HTTP 410).</summary>
    internal static bool IsExpired(Exception error) => error switch
    {
        KubernetesException { Status: { } status } =>
            status.Code == (int)HttpStatusCode.Gone || status.Reason is "Expired" or "Gone",
        HttpOperationException { Response: { } response } => response.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };

    private Task<HttpOperationResponse<object>> StartWatch(
        string? @namespace, string? labelSelector, string? fieldSelector, string resourceVersion, bool allowBookmarks, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var operations = _client.CustomObjects;
        return @namespace is null
            ? operations.ListCustomObjectForAllNamespacesWithHttpMessagesAsync<object>(
                _group, _version, _plural, allowWatchBookmarks: allowBookmarks, fieldSelector: fieldSelector, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
            : operations.ListNamespacedCustomObjectWithHttpMessagesAsync<object>(
                _group, _version, @namespace, _plural, allowWatchBookmarks: allowBookmarks, fieldSelector: fieldSelector, labelSelector: labelSelector,
                resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken);
    }

    private static WatchEvent<T>? ToEvent(WatchEventType type, T? obj)
    {
        var resourceVersion = obj?.Metadata?.ResourceVersion;
        return type switch
        {
            WatchEventType.Bookmark when resourceVersion is not null => new WatchEvent<T>(WatchEventKind.Bookmark, null, resourceVersion),
            WatchEventType.Added when obj is not null => new WatchEvent<T>(WatchEventKind.Added, obj, resourceVersion),
            WatchEventType.Modified when obj is not null => new WatchEvent<T>(WatchEventKind.Modified, obj, resourceVersion),
            WatchEventType.Deleted when obj is not null => new WatchEvent<T>(WatchEventKind.Deleted, obj, resourceVersion),
            _ => null,
        };
    }
}
