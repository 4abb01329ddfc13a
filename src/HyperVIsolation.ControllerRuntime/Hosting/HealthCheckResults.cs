using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RuntimeResult = HyperVIsolation.ControllerRuntime.Health.HealthCheckResult;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>Converts controller-runtime health results for ASP.NET health checks and writes them as plain text.</summary>
public static class HealthCheckResults
{
    /// <summary>Healthy, or unhealthy with the problems joined into the description.</summary>
    public static HealthCheckResult From(RuntimeResult result) => result.IsHealthy
        ? HealthCheckResult.Healthy()
        : HealthCheckResult.Unhealthy(string.Join("; ", result.Problems));

    /// <summary>
    /// Writes the status, then one line per problem, so <c>kubectl describe pod</c> and <c>curl</c> show why.
    /// </summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "text/plain; charset=utf-8";
        var problems = report.Entries.Values
            .Where(entry => entry.Status != HealthStatus.Healthy && !string.IsNullOrEmpty(entry.Description))
            .SelectMany(entry => entry.Description!.Split("; "));
        var text = string.Join('\n', [report.Status == HealthStatus.Healthy ? "ok" : "unhealthy", .. problems]) + "\n";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
