using System.Net;
using HyperVIsolation.LocalApiServer.Admission;
using HyperVIsolation.LocalApiServer.Authorization;
using HyperVIsolation.LocalApiServer.CustomResources;
using HyperVIsolation.LocalApiServer.Faults;
using HyperVIsolation.LocalApiServer.GarbageCollection;
using HyperVIsolation.LocalApiServer.Http;
using HyperVIsolation.LocalApiServer.Logs;
using HyperVIsolation.LocalApiServer.Metering;
using HyperVIsolation.LocalApiServer.OpenApi;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Security;
using HyperVIsolation.LocalApiServer.Storage;
using HyperVIsolation.LocalApiServer.Validation;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.LocalApiServer.Hosting;

/// <summary>
/// An in-process Kubernetes API server on loopback that KubernetesClient, kubectl and Helm accept:
/// Kestrel with a generated CA, bearer-token auth and a generated kubeconfig.
/// </summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly SemaphoreSlim restartGate = new(1, 1);
    private readonly GarbageCollector collector;
    private readonly ServerCertificates? certificates;
    private readonly WebhookClient webhookClient;
    private readonly RequestDelegate handler;
    private readonly ContainerLogSourceSlot logSources;
    private WebApplication app;
    private readonly string? authorityPem;
    private string? ownedDirectory;

    private LocalApiServer(ServerParts parts, WebApplication app, Uri baseUri, string kubeconfigPath, string token)
    {
        Token = token;
        this.app = app;
        collector = parts.Collector;
        certificates = parts.Certificates;
        webhookClient = parts.WebhookClient;
        handler = parts.Handler;
        Store = parts.Store;
        BaseUri = baseUri;
        KubeconfigPath = kubeconfigPath;
        Requests = parts.Requests;
        WebhookCalls = parts.WebhookCalls;
        Faults = new FaultInjector(parts.Store, RestartAsync);
        parts.Faults.Target = Faults;
        logSources = parts.LogSources;
        Authorizations = parts.Authorizations;
        authorityPem = parts.Certificates?.AuthorityPem;
    }

    /// <summary>URL of the server, e.g. <c>https://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Path of the generated kubeconfig.</summary>
    public string KubeconfigPath { get; }

    /// <summary>Bearer token clients must send.</summary>
    public string Token { get; }

    /// <summary>The object store (tests use it to compact history or drop watches).</summary>
    public ObjectStore Store { get; }

    /// <summary>Server-side request counts by verb, resource and client (off until <see cref="RequestCounter.Enabled"/> is set).</summary>
    public RequestCounter Requests { get; }

    /// <summary>The admission webhook calls this server made, by outcome (TLS failures, timeouts, answers).</summary>
    public WebhookCallCounter WebhookCalls { get; }

    /// <summary>
    /// Where <c>pods/log</c> reads container output (the kubelets of whoever runs the nodes); until
    /// set, log requests answer as for a container that has not started.
    /// </summary>
    public IContainerLogSource? ContainerLogs
    {
        get => logSources.Source;
        set => logSources.Source = value;
    }

    /// <summary>
    /// The authorization decisions for every user outside <c>system:masters</c> when <see cref="LocalApiServerOptions.EnforceRbac"/>
    /// is on (empty otherwise): what each service account asked for and whether RBAC allowed it.
    /// </summary>
    public AuthorizationLog Authorizations { get; }

    /// <summary>Fault injection for tests: dropped watches, failing requests, latency, compaction, restart.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Starts a server; throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public static async Task<LocalApiServer> StartAsync(LocalApiServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var token = options.Token ?? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var directory = options.WorkingDirectory ?? Directory.CreateTempSubdirectory("hyperv-isolation-apiserver-").FullName;
        var parts = Compose(options, token);
        var app = BuildHost(options.Port, parts.Certificates, parts.Handler);
        parts.Collector.Start();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUri = new Uri($"{(parts.Certificates is null ? "http" : "https")}://127.0.0.1:{port}/");
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        await KubeconfigFile.WriteAsync(kubeconfig, baseUri, parts.Certificates?.AuthorityPem, token, cancellationToken);
        return new LocalApiServer(parts, app, baseUri, kubeconfig, token)
        {
            // A temporary directory we created is ours to remove on dispose.
            ownedDirectory = options.WorkingDirectory is null ? directory : null,
        };
    }

    /// <summary>A KubernetesClient configured from the generated kubeconfig.</summary>
    public Kubernetes CreateClient() =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <summary>Writes a kubeconfig for this server that authenticates with <paramref name="bearerToken"/> (a service account's, say).</summary>
    public Task WriteKubeconfigAsync(string path, string bearerToken, CancellationToken cancellationToken) =>
        KubeconfigFile.WriteAsync(path, BaseUri, authorityPem, bearerToken, cancellationToken);

    /// <summary>Stops the listener and starts it again on the same port with the same store and certificates.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await restartGate.WaitAsync(cancellationToken);
        try
        {
            Store.CloseAllWatches();
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
            app = BuildHost(BaseUri.Port, certificates, handler);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await app.StartAsync(cancellationToken);
                    return;
                }
                catch (IOException) when (attempt < 20)
                {
                    // The port may take a moment to be released.
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
        finally
        {
            restartGate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Store.CloseAllWatches();
        await collector.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        certificates?.Dispose();
        webhookClient.Dispose();
        restartGate.Dispose();
        if (ownedDirectory is not null && Directory.Exists(ownedDirectory))
        {
            Directory.Delete(ownedDirectory, recursive: true);
        }
    }

    private static ServerParts Compose(LocalApiServerOptions options, string token)
    {
        var certificates = options.UseHttps ? ServerCertificates.Generate(options.Clock) : null;
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var store = new ObjectStore(options.WatchHistoryCapacity);
        var catalog = new ResourceCatalog();
        var lifecycle = new ObjectLifecycle(store, [new BuiltInDefaults(), new BuiltInValidation(), new CustomResourceSchemaHook(), new CrdRegistrar(catalog, store, options.Clock)], options.Clock);
        var tables = new TableConverter(options.Clock);
        var reads = new ResourceReads(store, tables, new WatchStreamer(store, tables, options.BookmarkInterval));
        var webhookCalls = new WebhookCallCounter();
        var webhookClient = new WebhookClient(options.WebhookServices, webhookCalls);
        var admission = new AdmissionChain(
            new RuntimeClassAdmission(store),
            new WebhookDispatcher(store, new WebhookMatcher(catalog, store), webhookClient, loggers.CreateLogger<WebhookDispatcher>()));
        var faults = new FaultInjectorSlot();
        var logSources = new ContainerLogSourceSlot();
        var requests = new RequestCounter();
        var authorizations = new AuthorizationLog();
        var serviceAccountTokens = new ServiceAccountTokens(store, options.Clock);
        var handler = new KubernetesApiHandler(
            catalog,
            reads,
            new ResourceWrites(new WritePipeline(lifecycle, admission), admission, reads),
            new DiscoveryDocuments(catalog),
            new OpenApiDocuments(catalog),
            new TokenAuthenticator(token, options.Users, serviceAccountTokens),
            faults,
            new PodLogStreamer(store, logSources),
            new TokenRequests(store, serviceAccountTokens, options.Clock),
            loggers.CreateLogger<KubernetesApiHandler>(),
            requests,
            options.EnforceRbac ? new RequestAuthorizer(new RbacPolicyReader(store), authorizations) : null);
        SeedNamespaces(lifecycle, catalog);
        if (options.EnforceRbac)
        {
            SeedBootstrapPolicy(lifecycle, catalog);
        }

        var collector = new GarbageCollector(lifecycle, catalog, options.GarbageCollectionInterval, loggers.CreateLogger<GarbageCollector>());
        return new ServerParts(store, certificates, webhookClient, collector, faults, logSources, requests, webhookCalls, authorizations, handler.HandleAsync);
    }

    private static WebApplication BuildHost(int port, ServerCertificates? certificates, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalApiServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificates is not null)
            {
                listen.UseHttps(certificates.Serving);
            }
        }));
        var app = builder.Build();
        app.Run(handler);
        return app;
    }

    private static void SeedNamespaces(ObjectLifecycle lifecycle, ResourceCatalog catalog)
    {
        var namespaces = catalog.Find(string.Empty, "v1", "namespaces")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            lifecycle.Create(namespaces, string.Empty, new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name } }, WriteContext.Default);
        }
    }

    private static void SeedBootstrapPolicy(ObjectLifecycle lifecycle, ResourceCatalog catalog)
    {
        foreach (var (resource, obj) in BootstrapPolicy.Objects())
        {
            lifecycle.Create(catalog.Find("rbac.authorization.k8s.io", "v1", resource)!, string.Empty, obj, WriteContext.Default);
        }
    }

    private sealed record ServerParts(
        ObjectStore Store,
        ServerCertificates? Certificates,
        WebhookClient WebhookClient,
        GarbageCollector Collector,
        FaultInjectorSlot Faults,
        ContainerLogSourceSlot LogSources,
        RequestCounter Requests,
        WebhookCallCounter WebhookCalls,
        AuthorizationLog Authorizations,
        RequestDelegate Handler);
}
