using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Admission.Json;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Sizing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>Registers and maps the admission webhook endpoints.</summary>
internal static class AdmissionEndpoints
{
    /// <summary>
    /// Registers the handler and reviewers. An <see cref="IAdmissionState"/> must be registered by
    /// the caller (the informer cache in the operator, an in-memory state in tests).
    /// </summary>
    public static IServiceCollection AddIsolationAdmission(this IServiceCollection services)
    {
        services.AddVmSizer();
        services.AddOptions<WebhookOptions>();
        services.TryAddSingleton(_ => new AdmissionReviewReader(new RecurringValues()));
        services.TryAddSingleton(provider =>
        {
            var state = provider.GetRequiredService<IAdmissionState>();
            var sizer = provider.GetRequiredService<VmSizer>();
            var trusted = provider.GetService<TrustedAdmissionUsers>()?.Users ?? provider.GetRequiredService<IOptions<WebhookOptions>>().Value.TrustedUsers;
            var reviewers = new Dictionary<AdmissionEndpoint, IAdmissionReviewer>
            {
                [AdmissionEndpoint.MutatePods] = new PodMutationReviewer(state, sizer, trusted),
                [AdmissionEndpoint.ValidatePods] = new PodValidationReviewer(state, sizer, trusted),
                [AdmissionEndpoint.ValidateNamespaces] = new NamespaceValidationReviewer(state),
                [AdmissionEndpoint.ValidateIsolatedWorkloads] = new IsolatedWorkloadValidationReviewer(state),
                [AdmissionEndpoint.ValidateIsolationPolicies] = new IsolationPolicyValidationReviewer(),
            };
            return new AdmissionReviewHandler(provider.GetRequiredService<AdmissionReviewReader>(), reviewers, provider.GetRequiredService<ILogger<AdmissionReviewHandler>>());
        });
        return services;
    }

    /// <summary>
    /// Maps <c>POST</c> on every path of <see cref="AdmissionPaths"/>, answered only on connections to
    /// <paramref name="localPort"/> (the webhook port) when given, 404 on any other port (the metrics port).
    /// </summary>
    /// <remarks>
    /// The port the connection arrived on decides, not the Host header (<c>RequireHost</c>): behind the chart's
    /// Service the API server sends <c>Host: &lt;service&gt;.&lt;namespace&gt;.svc:443</c> while the replica listens on
    /// 9443, and a Host match turned every admission call into a 404 (with <c>failurePolicy: Fail</c>, every pod refused).
    /// </remarks>
    public static IEndpointRouteBuilder MapIsolationAdmission(this IEndpointRouteBuilder endpoints, int? localPort = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The handler, limits and logger are singletons: resolved once from the root provider on the first request, not
        // per request from RequestServices, which would create (and dispose) a DI scope for every review.
        var provider = endpoints.ServiceProvider;
        var serving = new Lazy<AdmissionHttpServing>(() => new AdmissionHttpServing(
            provider.GetRequiredService<AdmissionReviewHandler>(),
            provider.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxRequestBodyBytes,
            provider.GetRequiredService<ILogger<AdmissionReviewHandler>>()));
        foreach (var (endpoint, path) in AdmissionPaths.All)
        {
            endpoints.MapPost(path, context =>
            {
                if (localPort is { } port && context.Connection.LocalPort != port)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return serving.Value.ServeAsync(context, endpoint);
            });
        }

        return endpoints;
    }
}
