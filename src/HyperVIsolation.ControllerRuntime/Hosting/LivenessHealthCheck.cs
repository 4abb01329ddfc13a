using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary><c>/healthz</c>: the process answers and no watch has stalled (<see cref="LivenessCheck"/>).</summary>
public sealed class LivenessHealthCheck(IEnumerable<IInformerStatus> informers, IOptions<ControllerRuntimeOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly LivenessCheck _check = new(informers, options.Value.WatchStallThreshold, time);

    /// <summary>The tag that puts a check on <c>/healthz</c>.</summary>
    public const string Tag = "live";

    /// <inheritdoc/>
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResults.From(_check.Check()));
}
