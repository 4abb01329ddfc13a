using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Hosting;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.Operator.Hosting.Configuration;
using HyperVIsolation.Operator.Observability;
using k8s;
using k8s.LeaderElection;
using k8s.Models;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Hosting;

/// <summary>Registers the operator: options, Kubernetes client, caches, leader election, controllers, health and telemetry.</summary>
public static class OperatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds everything the <c>run</c> command hosts. Seams are added with <c>TryAdd</c>, so registrations made
    /// before this call win (tests replace the certificate source or the clock this way). Controllers are added
    /// separately with <see cref="ControllerRuntimeServiceCollectionExtensions.AddController{TReconciler}"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Operator</c> section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddHyperVIsolationOperator(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddOptions(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => KubernetesClientFactory.Create(Options(provider)));
        Admission.Hosting.AdmissionHostingExtensions.AddIsolationWebhook(services, configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelEndpointsSetup>());

        // Read once here only to decide whether an OTLP exporter exists; validation reports a bad value.
        var otlp = configuration[$"{OperatorOptions.SectionName}:{nameof(OperatorOptions.OtlpEndpoint)}"];
        services.AddOperatorTelemetry(Uri.TryCreate(otlp, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https" ? endpoint : null);
        services.TryAddSingleton<IControllerInstrumentation, OperatorControllerInstrumentation>();
        services.TryAddSingleton<IOptions<ControllerRuntimeOptions>>(provider => Microsoft.Extensions.Options.Options.Create(new ControllerRuntimeOptions
        {
            Workers = Options(provider).Workers,
            Queue = Options(provider).Queue,
            WatchStallThreshold = Options(provider).WatchStallThreshold,
        }));

        services.TryAddSingleton(provider => Options(provider).LeaderElection);
        services.TryAddSingleton<ILock>(provider => LeaderElectionService.CreateLeaseLock(
            provider.GetRequiredService<IKubernetes>(), provider.GetRequiredService<LeaderElectionOptions>()));
        services.TryAddSingleton<LeaderElectionService>();
        services.TryAddSingleton<ILeadership>(provider => provider.GetRequiredService<LeaderElectionService>());
        services.AddHostedService(provider => provider.GetRequiredService<LeaderElectionService>());

        services.AddInformer<IsolatedWorkload>();
        services.AddInformer<IsolationPolicy>();
        services.AddInformer(CachedObjectShapes.WorkloadPods);
        services.AddInformer(CachedObjectShapes.Nodes);
        services.AddInformer<V1RuntimeClass>();
        services.AddInformer<V1Namespace>();
        services.AddHostedService<WorkloadConditionObservation>();
        services.AddControllerRuntime();
        return services;
    }

    private static void AddOptions(IServiceCollection services)
    {
        services.TryAddSingleton<IOptionsFactory<OperatorOptions>, OperatorOptionsFactory>();
        services.AddSectionOptions<OperatorOptions>(OperatorOptions.SectionName, OperatorOptionsRules.Check);
        services.AddOptions<HostOptions>().Configure<IOptions<OperatorOptions>>((host, options) => host.ShutdownTimeout = ShutdownTimeout(options));
    }

    // The host reads its options while it is built, before the run command can list every configuration problem:
    // invalid operator options keep the default timeout here and are reported by their validation.
    private static TimeSpan ShutdownTimeout(IOptions<OperatorOptions> options)
    {
        try
        {
            return options.Value.ShutdownTimeout;
        }
        catch (OptionsValidationException)
        {
            return new HostOptions().ShutdownTimeout;
        }
    }

    private static OperatorOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<OperatorOptions>>().Value;
}
