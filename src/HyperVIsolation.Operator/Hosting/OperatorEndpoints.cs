using HyperVIsolation.ControllerRuntime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>Maps the endpoints of the metrics port. Webhook endpoints are mapped by the admission feature on the webhook port.</summary>
public static class OperatorEndpoints
{
    /// <summary>
    /// Maps <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, answered on the metrics port only.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var metricsHost = $"*:{endpoints.ServiceProvider.GetRequiredService<IOptions<OperatorOptions>>().Value.MetricsPort}";
        endpoints.MapHealthChecks("/healthz", Checks(LivenessHealthCheck.Tag)).RequireHost(metricsHost);
        endpoints.MapHealthChecks("/readyz", Checks(ReadinessHealthCheck.Tag)).RequireHost(metricsHost);
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireHost(metricsHost);
        return endpoints;
    }

    private static HealthCheckOptions Checks(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResponseWriter = HealthCheckResults.WriteAsync,
    };
}
