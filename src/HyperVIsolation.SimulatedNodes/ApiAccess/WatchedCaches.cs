using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes.ApiAccess;

/// <summary>The watch-fed caches of the simulated scheduler and kubelets: the shared runtime's informers, each feeding one change tracker.</summary>
internal static class WatchedCaches
{
    /// <summary>An informer of every <typeparamref name="T"/> matching <paramref name="fieldSelector"/>, retrying from <paramref name="retryDelay"/> with the runtime's jittered backoff.</summary>
    public static ResourceInformer<T> Create<T>(
        IKubernetes client, string name, string? fieldSelector, TimeSpan retryDelay, TimeProvider time, ILogger logger, IResourceChangeHandler<T> changes)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var informer = new ResourceInformer<T>(
            new KubernetesResourceClient<T>(client),
            new ResourceInformerOptions<T>
            {
                Name = name,
                FieldSelector = fieldSelector,
                InitialRetryDelay = retryDelay,
                MaxRetryDelay = retryDelay * 10,
            },
            time,
            logger);
        informer.AddHandler(changes);
        return informer;
    }

    /// <summary>The cached object named <paramref name="name"/> of a cluster-scoped kind.</summary>
    public static T? GetClusterScoped<T>(this ResourceInformer<T> informer, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> => informer.Get(new ObjectKey(null, name));
}
