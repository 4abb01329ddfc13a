using System.Diagnostics.Metrics;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using Microsoft.Extensions.Hosting;

namespace HyperVIsolation.Operator.Observability;

/// <summary>
/// Feeds <c>hyperv_isolation_workloads{condition,status}</c> from the IsolatedWorkload cache at each scrape.
/// A hosted service only because the gauge must be created after the cache exists (the cache reports into
/// the same telemetry, so it cannot be a constructor dependency of it).
/// </summary>
/// <param name="workloads">The IsolatedWorkload cache.</param>
/// <param name="telemetry">The instruments.</param>
internal sealed class WorkloadConditionObservation(ResourceInformer<IsolatedWorkload> workloads, OperatorTelemetry telemetry) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObserveWorkloads(Observe);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<int>> Observe() => workloads.List()
        .SelectMany(workload => workload.Status?.Conditions ?? [])
        .Where(condition => condition is not null)
        .GroupBy(condition => (condition.Type, condition.Status))
        .Select(group => new Measurement<int>(
            group.Count(),
            new KeyValuePair<string, object?>("condition", group.Key.Type),
            new KeyValuePair<string, object?>("status", group.Key.Status)));
}
