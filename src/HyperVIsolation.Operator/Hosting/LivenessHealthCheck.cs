using HyperVIsolation.Operator.ControllerRuntime.Cache;
using HyperVIsolation.Operator.ControllerRuntime.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary><c>/healthz</c>: the process answers and no watch has stalled (<see cref="LivenessCheck"/>).</summary>
internal sealed class LivenessHealthCheck(IEnumerable<IInformerStatus> informers, IOptions<OperatorOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly LivenessCheck _check = new(informers, options.Value.WatchStallThreshold, time);

    /// <summary>The tag that puts a check on <c>/healthz</c>.</summary>
    public const string Tag = "live";

    /// <inheritdoc/>
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResults.From(_check.Check()));
}
