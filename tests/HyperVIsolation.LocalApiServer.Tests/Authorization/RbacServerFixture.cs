using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Hosting;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Authorization;

/// <summary>A local API server enforcing RBAC, its administrator client, and raw requests under other tokens.</summary>
public sealed class RbacServerFixture : IAsyncLifetime
{
    private LocalApiServer.Hosting.LocalApiServer? server;

    public LocalApiServer.Hosting.LocalApiServer Server => server ?? throw new InvalidOperationException("not started");

    public Kubernetes Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        server = await LocalApiServer.Hosting.LocalApiServer.StartAsync(new LocalApiServerOptions { EnforceRbac = true }, CancellationToken.None);
        Admin = server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Creates the namespace and service account (as administrator) and returns a TokenRequest token for it.</summary>
    public async Task<string> ServiceAccountTokenAsync(string ns, string name)
    {
        await Admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await Admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, ns);
        var issued = await Admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, name, ns);
        return issued.Status.Token;
    }

    /// <summary>A raw request with <paramref name="token"/>, for exact status codes and bodies.</summary>
    public async Task<(int Code, JsonObject? Body)> SendAsync(string token, string method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Admin.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null);
    }
}
