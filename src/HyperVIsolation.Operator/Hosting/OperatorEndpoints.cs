using HyperVIsolation.ControllerRuntime.Hosting;
using Microsoft.AspNetCore.Builder;
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
        endpoints.MapControllerRuntimeHealth(metricsHost);
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireHost(metricsHost);
        return endpoints;
    }
}
