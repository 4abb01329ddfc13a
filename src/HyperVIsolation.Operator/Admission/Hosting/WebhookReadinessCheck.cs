using HyperVIsolation.Operator.Admission.Certificates;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// On <c>/readyz</c>: the replica serves the webhook only once it has a serving certificate. When a newer certificate
/// was refused (unusable files) it is Degraded, which still answers 200: the previous certificate keeps working, and
/// taking every replica out of the Service over a bad renewal would stop all pod admission.
/// </summary>
/// <param name="holder">Where the serving certificate is installed.</param>
internal sealed class WebhookReadinessCheck(ServingCertificateHolder holder) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((holder.Current, holder.Problem) switch
        {
            (null, null) => HealthCheckResult.Unhealthy("The webhook has no serving certificate yet."),
            (null, { } problem) => HealthCheckResult.Unhealthy($"The webhook has no serving certificate: {problem}"),
            (_, { } problem) => HealthCheckResult.Degraded($"Serving the previous certificate; its replacement was refused: {problem}"),
            _ => HealthCheckResult.Healthy(),
        });
}
