using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Hosting;
using k8s;
using k8s.Models;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench.Webhook;

/// <summary>
/// A local API server seeded for the webhook benchmark: the operator's CRDs, a Hyper-V RuntimeClass, a ready LTSC 2022
/// node, a tenant namespace and its IsolationPolicy. The same seed serves the server the operator's webhooks are
/// registered with and the bare server the end-to-end pod creates are compared with.
/// </summary>
internal static class TenantApiServer
{
    /// <summary>Starts a local API server and seeds it.</summary>
    public static async Task<ApiServer> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var server = await ApiServer.StartAsync(new LocalApiServerOptions(), cancellationToken).ConfigureAwait(false);
        using var client = server.CreateClient();
        await SeedAsync(client, repositoryRoot, cancellationToken).ConfigureAwait(false);
        return server;
    }

    private static async Task SeedAsync(Kubernetes client, string repositoryRoot, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "config", "crd"), "isolation.hyperv.dev_*.yaml"))
        {
            var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await client.NodeV1.CreateRuntimeClassAsync(
            new V1RuntimeClass
            {
                Metadata = new V1ObjectMeta { Name = "hyperv-ltsc2022", Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "hyperv-isolation" } },
                Handler = "runhcs-wcow-hypervisor",
                Scheduling = new V1Scheduling { NodeSelector = new Dictionary<string, string> { ["node.kubernetes.io/windows-build"] = "10.0.20348" } },
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await client.CoreV1.CreateNodeAsync(
            new V1Node { Metadata = new V1ObjectMeta { Name = "win22-0", Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = "10.0.20348", ["isolation.hyperv.dev/ready"] = "true" } } },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await client.CoreV1.CreateNamespaceAsync(
            new V1Namespace { Metadata = new V1ObjectMeta { Name = PodReviews.Namespace, Labels = new Dictionary<string, string> { ["isolation.hyperv.dev/tenant"] = "untrusted" } } },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var policy = JsonNode.Parse("""
            {"apiVersion":"isolation.hyperv.dev/v1alpha1","kind":"IsolationPolicy","metadata":{"name":"untrusted-tenants"},
             "spec":{"namespaceSelector":{"matchLabels":{"isolation.hyperv.dev/tenant":"untrusted"}},"mode":"Enforce",
                     "allowedRegistries":["mcr.microsoft.com/windows"],"vm":{"maxMemoryMiB":16384,"maxProcessorCount":8}}}
            """);
        await client.CustomObjects.CreateClusterCustomObjectAsync(policy, "isolation.hyperv.dev", "v1alpha1", "isolationpolicies", cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
