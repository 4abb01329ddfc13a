using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>Maps the runtime's health checks for the kubelet's probes, the same way in every program that uses the runtime.</summary>
public static class HealthEndpoints
{
    /// <summary>
    /// Maps <c>/healthz</c> (liveness: every watch is alive) and <c>/readyz</c> (readiness: every cache has synced,
    /// plus any check the program tagged <see cref="ReadinessHealthCheck.Tag"/>).
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="host">The host pattern (for example <c>*:8080</c>) the endpoints answer on, or <see langword="null"/> for any.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapControllerRuntimeHealth(this IEndpointRouteBuilder endpoints, string? host)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var liveness = endpoints.MapHealthChecks("/healthz", Checks(LivenessHealthCheck.Tag));
        var readiness = endpoints.MapHealthChecks("/readyz", Checks(ReadinessHealthCheck.Tag));
        if (host is not null)
        {
            liveness.RequireHost(host);
            readiness.RequireHost(host);
        }

        return endpoints;
    }

    private static HealthCheckOptions Checks(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResponseWriter = HealthCheckResults.WriteAsync,
    };
}
