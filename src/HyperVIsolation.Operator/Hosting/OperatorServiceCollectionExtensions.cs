using System.Reflection;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.ControllerRuntime.Cache;
using HyperVIsolation.Operator.ControllerRuntime.Controllers;
using HyperVIsolation.Operator.ControllerRuntime.Leadership;
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
    /// separately with <see cref="AddController{TReconciler}"/>.
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
        services.TryAddSingleton<IServerCertificateSource, SelfSignedServerCertificateSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelEndpointsSetup>());

        // Read once here only to decide whether an OTLP exporter exists; validation reports a bad value.
        services.AddOperatorTelemetry(OperatorOptionsReader.Read(configuration).Options.OtlpEndpoint);
        services.TryAddSingleton<ControllerQueues>();

        services.TryAddSingleton(provider => Options(provider).LeaderElection);
        services.TryAddSingleton<ILock>(provider => LeaderElectionService.CreateLeaseLock(
            provider.GetRequiredService<IKubernetes>(), provider.GetRequiredService<LeaderElectionOptions>()));
        services.TryAddSingleton<LeaderElectionService>();
        services.AddHostedService(provider => provider.GetRequiredService<LeaderElectionService>());

        services.AddInformer<IsolatedWorkload>();
        services.AddInformer<IsolationPolicy>();
        services.AddInformer<V1Pod>(labelSelector: WellKnownLabels.Workload);
        services.AddInformer<V1Node>();
        services.AddInformer<V1RuntimeClass>();
        services.AddInformer<V1Namespace>();
        services.AddHostedService<WorkloadConditionObservation>();
        services.AddHostedService<ControllerHost>();

        services.AddHealthChecks()
            .AddCheck<LivenessHealthCheck>("watches", tags: [LivenessHealthCheck.Tag])
            .AddCheck<ReadinessHealthCheck>("caches", tags: [ReadinessHealthCheck.Tag]);
        return services;
    }

    /// <summary>
    /// Adds a controller: <typeparamref name="TReconciler"/> (a singleton, resolved from the container) reconciles
    /// the keys that <paramref name="configureSources"/> maps cache changes to, only while this replica leads.
    /// For example:
    /// <code>
    /// services.AddController&lt;WorkloadReconciler&gt;("isolatedworkload", sources => sources
    ///     .Watch&lt;IsolatedWorkload&gt;(ObjectKeyMappings.Self)
    ///     .Watch&lt;V1Pod&gt;(ObjectKeyMappings.ControllerOwner(IsolatedWorkload.KindName)));
    /// </code>
    /// Each reconcile runs in a trace span and a logging scope with the workload's namespace and name.
    /// </summary>
    /// <typeparam name="TReconciler">The reconciler.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The controller name: logs, metrics (<c>controller</c> tag) and its queue.</param>
    /// <param name="configureSources">Declares the watched types and the key each change wakes.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddController<TReconciler>(this IServiceCollection services, string name, Action<ControllerSources> configureSources)
        where TReconciler : class, IReconciler
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureSources);
        if (services.Any(descriptor => descriptor.ImplementationInstance is ControllerRegistration existing && existing.Name == name))
        {
            throw new ArgumentException($"A controller named '{name}' is already registered.", nameof(name));
        }

        var sources = new ControllerSources();
        configureSources(sources);
        services.AddSingleton(new ControllerRegistration(name, typeof(TReconciler), sources.Sources));
        services.TryAddSingleton<TReconciler>();
        return services;
    }

    /// <summary>
    /// Adds a cache of <typeparamref name="T"/> (all namespaces) that runs on every replica, counts for
    /// <c>/readyz</c> and <c>/healthz</c>, and feeds the controllers that watch <typeparamref name="T"/>.
    /// Inject <see cref="ResourceInformer{T}"/> to read it. Adding the same type twice keeps the first.
    /// </summary>
    /// <typeparam name="T">The resource type, with a <see cref="KubernetesEntityAttribute"/>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="labelSelector">Only objects matching this selector, when set.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddInformer<T>(this IServiceCollection services, string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ResourceInformer<T>)))
        {
            return services;
        }

        services.AddSingleton(provider => CreateInformer<T>(provider, labelSelector));
        services.AddSingleton<IInformerStatus>(provider => provider.GetRequiredService<ResourceInformer<T>>());
        services.AddHostedService<InformerService<T>>();
        return services;
    }

    private static ResourceInformer<T> CreateInformer<T>(IServiceProvider provider, string? labelSelector)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var options = new ResourceInformerOptions<T>
        {
            Name = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()?.PluralName ?? typeof(T).Name,
            LabelSelector = labelSelector,
            Transform = CachedObjectShapes.For<T>(),
        };
        var informer = new ResourceInformer<T>(
            new KubernetesResourceClient<T>(provider.GetRequiredService<IKubernetes>()),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ResourceInformer<T>>>(),
            provider.GetRequiredService<IInformerMetrics>());

        // Handlers must be in place before the informer's first list, so they are attached as it is created.
        // Handlers that are more than a key mapping (expectation bookkeeping, filtered fan-out) come from the
        // container and go first: a change must be recorded as observed before the wake-up it causes can
        // reach a worker, or that worker would find the expectation still pending and skip the pass.
        foreach (var handler in provider.GetServices<IResourceChangeHandler<T>>())
        {
            informer.AddHandler(handler);
        }

        var queues = provider.GetRequiredService<ControllerQueues>();
        foreach (var registration in provider.GetServices<ControllerRegistration>())
        {
            foreach (var source in registration.Sources.Where(source => source.ResourceType == typeof(T)))
            {
                source.Attach(informer, queues[registration.Name]);
            }
        }

        return informer;
    }

    private static void AddOptions(IServiceCollection services)
    {
        services.TryAddSingleton<IOptionsFactory<OperatorOptions>, OperatorOptionsFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>());
        services.AddOptions<OperatorOptions>().ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<OperatorOptions>>((host, options) => host.ShutdownTimeout = options.Value.ShutdownTimeout);
    }

    private static OperatorOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<OperatorOptions>>().Value;
}
