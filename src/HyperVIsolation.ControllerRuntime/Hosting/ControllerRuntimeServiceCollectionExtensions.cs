using System.Reflection;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Controllers;
using HyperVIsolation.ControllerRuntime.Leadership;
using HyperVIsolation.ControllerRuntime.Startup;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.ControllerRuntime.Hosting;

/// <summary>Registers caches and controllers: the same runtime for the operator and the node agent.</summary>
public static class ControllerRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the controller host, the work queues and the <c>/healthz</c> and <c>/readyz</c> checks over the
    /// caches. Needs an <see cref="IKubernetes"/>, <see cref="ControllerRuntimeOptions"/> (as
    /// <c>IOptions</c>) and an <see cref="ILeadership"/>; instrumentation, metrics and the clock default to
    /// none and the system clock unless registered before this call. Controllers start only once every
    /// <see cref="IStartupPrecondition"/> registered (before or after this call) holds: the <see cref="StartupBarrier"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddControllerRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IControllerInstrumentation, NoControllerInstrumentation>();
        services.TryAddSingleton<IInformerMetrics>(NullInformerMetrics.Instance);
        services.TryAddSingleton(provider => new ControllerQueues(
            provider.GetServices<ControllerRegistration>(),
            provider.GetRequiredService<IOptions<ControllerRuntimeOptions>>(),
            provider.GetRequiredService<IControllerInstrumentation>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<StartupBarrier>();
        services.AddHostedService<ControllerHost>();
        services.AddHealthChecks()
            .AddCheck<LivenessHealthCheck>("watches", tags: [LivenessHealthCheck.Tag])
            .AddCheck<ReadinessHealthCheck>("caches", tags: [ReadinessHealthCheck.Tag]);
        return services;
    }

    /// <summary>
    /// Adds a controller: <typeparamref name="TReconciler"/> (a singleton, resolved from the container) reconciles
    /// the keys that <paramref name="configureSources"/> maps cache changes to, only while this process leads.
    /// For example:
    /// <code>
    /// services.AddController&lt;WorkloadReconciler&gt;("isolatedworkload", sources => sources
    ///     .Watch&lt;IsolatedWorkload&gt;(ObjectKeyMappings.Self)
    ///     .Watch&lt;V1Pod&gt;(ObjectKeyMappings.ControllerOwner(IsolatedWorkload.KindName)));
    /// </code>
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
    /// Adds a cache of <typeparamref name="T"/> that runs for the life of the process (also while not leading:
    /// webhooks read the caches too), counts for <c>/readyz</c> and <c>/healthz</c>, and feeds the controllers
    /// that watch <typeparamref name="T"/>. Inject <see cref="ResourceInformer{T}"/> to read it. Adding the same
    /// type twice keeps the first.
    /// </summary>
    /// <typeparam name="T">The resource type, with a <see cref="KubernetesEntityAttribute"/>.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="scope">Which objects to cache (namespace, selectors) and what to keep of each; all, whole, when <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddInformer<T>(this IServiceCollection services, InformerScope<T>? scope = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ResourceInformer<T>)))
        {
            return services;
        }

        services.AddSingleton(provider => CreateInformer(provider, scope ?? new InformerScope<T>()));
        services.AddSingleton<IInformerStatus>(provider => provider.GetRequiredService<ResourceInformer<T>>());
        services.AddHostedService<InformerService<T>>();
        return services;
    }

    private static ResourceInformer<T> CreateInformer<T>(IServiceProvider provider, InformerScope<T> scope)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var options = new ResourceInformerOptions<T>
        {
            Name = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()?.PluralName ?? typeof(T).Name,
            Namespace = scope.Namespace,
            LabelSelector = scope.LabelSelector,
            FieldSelector = scope.FieldSelector,
            Transform = scope.Transform,
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
}
