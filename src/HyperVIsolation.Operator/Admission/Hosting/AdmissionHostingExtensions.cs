using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Startup;
using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Http;
using HyperVIsolation.Operator.Admission.Review;
using HyperVIsolation.Operator.Admission.State;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Hosting.Configuration;
using k8s.Models;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>Wires the admission webhook into the operator host.</summary>
internal static class AdmissionHostingExtensions
{
    /// <summary>The log category of ASP.NET Core's per-request diagnostics, off by default (see <see cref="AddIsolationWebhook"/>).</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Adds the webhook: its handler and reviewers over the informer caches, the serving certificate (as the host's
    /// <see cref="IServerCertificateSource"/>) either from cert-manager's files or issued from the CA Secret, the
    /// optional management of the webhook configurations, <c>Webhook:TrustedUsers</c> defaulting to the operator's service account,
    /// and the start-up precondition that keeps leader election and the controllers waiting until the webhook can answer.
    /// The <c>Webhook</c> section is bound and validated with the other options at start-up; only whether cert-manager's
    /// directory is set is read here, since it decides which services exist.
    /// Call it before the host's own defaults, which are added with <c>TryAdd</c>.
    /// </summary>
    public static IServiceCollection AddIsolationWebhook(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSectionOptions<WebhookOptions>(WebhookOptions.SectionName, options => options.Validate());
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookPortValidator>();
        services.TryAddSingleton(provider => new WebhookServingContext(
            provider.GetRequiredService<IOptions<OperatorOptions>>().Value.LeaderElection.LeaseNamespace,
            provider.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.TryAddSingleton(provider =>
        {
            var configured = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.TrustedUsers;
            return new TrustedAdmissionUsers(configured.Count > 0 ? configured : [provider.GetRequiredService<WebhookServingContext>().ServiceAccountUser]);
        });

        services.TryAddSingleton<AdmissionStateInvalidation>();
        services.AddSingleton<IResourceChangeHandler<IsolationPolicy>>(provider => provider.GetRequiredService<AdmissionStateInvalidation>());
        services.AddSingleton<IResourceChangeHandler<V1RuntimeClass>>(provider => provider.GetRequiredService<AdmissionStateInvalidation>());
        services.AddSingleton<IResourceChangeHandler<V1Node>>(provider => provider.GetRequiredService<AdmissionStateInvalidation>());
        services.AddInformer<IsolationPolicy>();
        services.AddInformer<V1RuntimeClass>();
        services.AddInformer<V1Node>();
        services.AddInformer<V1Namespace>();
        services.TryAddSingleton<InformerAdmissionState>();
        services.TryAddSingleton<IAdmissionState>(provider => provider.GetRequiredService<InformerAdmissionState>());
        services.AddIsolationAdmission();

        services.TryAddSingleton<ServingCertificateHolder>();
        services.TryAddSingleton<IServerCertificateSource, WebhookServerCertificateSource>();
        services.AddSingleton<IStartupPrecondition, WebhookServingPrecondition>();
        if (string.IsNullOrWhiteSpace(configuration[$"{WebhookOptions.SectionName}:{nameof(WebhookOptions.CertificateDirectory)}"]))
        {
            services.TryAddSingleton<CertificateAuthoritySecretStore>();
            services.TryAddSingleton<WebhookConfigurationWriter>();
            services.TryAddSingleton<WebhookCertificateSync>();
            services.AddHostedService<WebhookSetupService>();
        }
        else
        {
            services.AddHostedService<CertificateDirectoryService>();
        }

        services.AddHealthChecks().AddCheck<WebhookReadinessCheck>("webhook", tags: [ReadinessHealthCheck.Tag]);

        // ASP.NET Core's request diagnostics: whenever this category is enabled at any level, every request gets an
        // Activity and a log scope (and at Information two log lines), even though no exporter listens to them, a
        // cost on every review (measured in bench/README.md). The category holds only those request lines and
        // the hosting layer's start-up failures, which also fail the host's start and reach the process's error output;
        // admission decisions are logged by AdmissionLog with the review's uid. Inserted first, so a Logging:LogLevel
        // entry for the category still wins.
        services.Configure<LoggerFilterOptions>(filters => filters.Rules.Insert(0, new LoggerFilterRule(null, HostingDiagnosticsCategory, LogLevel.None, null)));
        return services;
    }

    /// <summary>Maps the admission endpoints on the webhook's HTTPS port only.</summary>
    public static IEndpointRouteBuilder MapIsolationWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var port = endpoints.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.Port;
        return endpoints.MapIsolationAdmission(port);
    }
}
