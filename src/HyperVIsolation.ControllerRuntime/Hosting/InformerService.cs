using HyperVIsolation.ControllerRuntime.Cache;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>Runs one informer for the life of the process, on every replica (webhooks read the caches too).</summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="informer">The informer.</param>
internal sealed class InformerService<T>(ResourceInformer<T> informer) : BackgroundService
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => informer.RunAsync(stoppingToken);
}
