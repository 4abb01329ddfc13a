using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary><c>/readyz</c>: every cache has synced (<see cref="ReadinessCheck"/>).</summary>
public sealed class ReadinessHealthCheck(IEnumerable<IInformerStatus> informers) : IHealthCheck
{
    private readonly ReadinessCheck _check = new(informers);

    /// <summary>The tag that puts a check on <c>/readyz</c>.</summary>
    public const string Tag = "ready";

    /// <inheritdoc/>
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResults.From(_check.Check()));
}
