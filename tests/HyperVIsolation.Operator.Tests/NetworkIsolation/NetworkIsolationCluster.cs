using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.NetworkIsolation;
using HyperVIsolation.Operator.Tests.Hosting;
using HyperVIsolation.Operator.Tests.Integration;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Operator.Tests.NetworkIsolation;

/// <summary>A local API server with our CRDs and operator hosts running only the network isolation controller.</summary>
internal sealed class NetworkIsolationCluster : IAsyncDisposable
{
    private readonly List<TestOperatorHost> operators = [];

    private NetworkIsolationCluster(ApiServer server)
    {
        Server = server;
        Client = server.CreateClient();
    }

    public ApiServer Server { get; }

    /// <summary>The test's own client (its writes are not counted).</summary>
    public Kubernetes Client { get; }

    public static async Task<NetworkIsolationCluster> StartAsync()
    {
        var server = await ApiServer.StartAsync(
            new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(500), GarbageCollectionInterval = TimeSpan.FromMilliseconds(100) },
            CancellationToken.None);
        var cluster = new NetworkIsolationCluster(server);
        await TestOperatorHost.InstallCrdsAsync(cluster.Client);
        return cluster;
    }

    /// <summary>Creates an operator host whose client counts writes; <paramref name="beforeStart"/> sees it before it starts.</summary>
    public async Task<(TestOperatorHost Host, ApiRequestCounter Requests)> StartOperatorAsync(string identity, Action<TestOperatorHost>? beforeStart = null)
    {
        var requests = new ApiRequestCounter();
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Server.KubeconfigPath), requests, new ResponseBufferingHandler());
        var host = TestOperatorHost.Create(Server, identity, builder =>
        {
            // The audit of Audit-mode policies runs every second here, so tests see pods come and go at once.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Operator:PolicyAuditInterval"] = "1s" });
            builder.Services.AddSingleton<IKubernetes>(client);
            builder.Services.AddNetworkIsolationController();
        });
        operators.Add(host);
        beforeStart?.Invoke(host);
        await host.App.StartAsync();
        return (host, requests);
    }

    public async Task StopOperatorAsync(TestOperatorHost host)
    {
        operators.Remove(host);
        await host.DisposeAsync();
    }

    public Task CreateNamespaceAsync(string name, string tenant) =>
        Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [NetworkIsolationInputs.TenantLabel] = tenant } } });

    public Task<IsolationPolicy> CreatePolicyAsync(IsolationPolicy policy) =>
        Client.CustomObjects.CreateClusterCustomObjectAsync<IsolationPolicy>(policy, ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural);

    public Task<IsolationPolicy> GetPolicyAsync(string name) =>
        Client.CustomObjects.GetClusterCustomObjectAsync<IsolationPolicy>(ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural, name);

    public Task PatchPolicyAsync(string name, string mergePatch) =>
        Client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural, name);

    public Task DeletePolicyAsync(string name) =>
        Client.CustomObjects.DeleteClusterCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural, name);

    public async Task<IReadOnlyList<V1NetworkPolicy>> NetworkPoliciesAsync(string ns) =>
        [.. (await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns)).Items.OrderBy(item => item.Metadata.Name, StringComparer.Ordinal)];

    /// <summary>Waits until the names of the namespace's NetworkPolicies are exactly <paramref name="names"/>.</summary>
    public Task<IReadOnlyList<V1NetworkPolicy>> WaitForNetworkPoliciesAsync(string ns, params string[] names) =>
        Poll.UntilAsync(
            () => NetworkPoliciesAsync(ns),
            list => list.Select(item => item.Metadata.Name).SequenceEqual(names.Order(StringComparer.Ordinal)),
            $"{ns} holds exactly [{string.Join(", ", names)}]");

    /// <summary>Waits until the policy's status describes its generation with Ready as given.</summary>
    public Task<IsolationPolicy> WaitForReadyAsync(string name, string readyStatus = "True", string? reason = null) =>
        Poll.UntilAsync(
            () => GetPolicyAsync(name),
            policy => policy.Status?.ObservedGeneration == policy.Metadata.Generation
                && policy.Status!.Conditions?.FirstOrDefault(condition => condition.Type == "Ready") is { } ready
                && ready.Status == readyStatus && (reason is null || ready.Reason == reason),
            $"policy {name} has Ready={readyStatus} {reason} for its generation");

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string policyName) =>
        (await Client.CoreV1.ListEventForAllNamespacesAsync()).Items.Where(e => e.InvolvedObject?.Kind == IsolationPolicy.KindName && e.InvolvedObject.Name == policyName).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in operators.ToList())
        {
            await host.DisposeAsync();
        }

        Client.Dispose();
        await Server.DisposeAsync();
    }
}
