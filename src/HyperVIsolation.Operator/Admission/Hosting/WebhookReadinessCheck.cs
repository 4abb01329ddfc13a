using HyperVIsolation.Operator.Admission.Certificates;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>On <c>/readyz</c>: the replica serves the webhook only once it has a serving certificate.</summary>
/// <param name="holder">Where the serving certificate is installed.</param>
internal sealed class WebhookReadinessCheck(ServingCertificateHolder holder) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(holder.Current is null
            ? HealthCheckResult.Unhealthy("The webhook has no serving certificate yet.")
            : HealthCheckResult.Healthy());
}
