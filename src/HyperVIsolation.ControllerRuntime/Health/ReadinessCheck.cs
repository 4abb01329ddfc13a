using HyperVIsolation.ControllerRuntime.Cache;

namespace HyperVIsolation.ControllerRuntime.Health;

/// <summary>For <c>/readyz</c>: every cache has synced, so reads (and webhooks that use them) see the cluster.</summary>
/// <param name="informers">The informers that must be synced.</param>
public sealed class ReadinessCheck(IEnumerable<IInformerStatus> informers)
{
    private readonly IReadOnlyList<IInformerStatus> _informers = [.. informers];

    /// <summary>Checks every informer.</summary>
    /// <returns>Healthy, or one problem per informer not yet synced.</returns>
    public HealthCheckResult Check() =>
        new([.. _informers.Where(informer => !informer.HasSynced).Select(informer => $"informer {informer.Name} not synced")]);
}
