using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Semantics;

public sealed class DeletionAndErrorTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task DeleteNamespace_WithContents_RemovesContentsThenNamespace()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "doomed" } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "inside" } }, "doomed");

        await Client.CoreV1.DeleteNamespaceAsync("doomed");

        await EventuallyGoneAsync(() => Client.CoreV1.ReadNamespaceAsync("doomed"));
        (await Client.CoreV1.ListNamespacedConfigMapAsync("doomed")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteOwner_Background_CollectsDependents()
    {
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner-bg" } }, "default");
        await Client.CoreV1.CreateNamespacedSecretAsync(Dependent("dep-bg", owner), "default");

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner-bg", "default");

        await EventuallyGoneAsync(() => Client.CoreV1.ReadNamespacedSecretAsync("dep-bg", "default"));
    }

    [Fact]
    public async Task DeleteOwner_Foreground_RemovesDependentsBeforeOwner()
    {
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner-fg" } }, "default");
        await Client.CoreV1.CreateNamespacedSecretAsync(Dependent("dep-fg", owner), "default");

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("owner-fg", "default", propagationPolicy: "Foreground");

        await EventuallyGoneAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("owner-fg", "default"));
        var act = () => Client.CoreV1.ReadNamespacedSecretAsync("dep-fg", "default");
        await act.Should().ThrowAsync<HttpOperationException>();
    }

    [Theory]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{not json", 400, "BadRequest")]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps", "text/plain", "{}", 415, "UnsupportedMediaType")]
    [InlineData("GET", "/api/v1/namespaces/default/frobnicators", null, null, 404, "NotFound")]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps/named", "application/json", "{}", 405, "MethodNotAllowed")]
    [InlineData("PATCH", "/api/v1/namespaces/default/configmaps/missing", "application/merge-patch+json", "{}", 404, "NotFound")]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{\"metadata\":{\"name\":\"Bad_Name\"}}", 422, "Invalid")]
    public async Task BadRequest_ReturnsStatusWithReason(string method, string path, string? contentType, string? body, int code, string reason)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fixture.Server.BaseUri, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Server.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await Client.HttpClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(code);
        text.Should().Contain("\"kind\":\"Status\"").And.Contain($"\"reason\":\"{reason}\"");
    }

    [Fact]
    public async Task Request_WithoutToken_ReturnsUnauthorized()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var anonymous = new HttpClient(handler);

        using var response = await anonymous.GetAsync(new Uri(fixture.Server.BaseUri, "/api/v1/namespaces"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static V1Secret Dependent(string name, V1ConfigMap owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid }],
        },
    };

    private static async Task EventuallyGoneAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await read();
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("object still present");
    }
}
