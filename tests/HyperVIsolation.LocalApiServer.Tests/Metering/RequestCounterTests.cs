using HyperVIsolation.LocalApiServer.Metering;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Metering;

public sealed class RequestCounterTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Requests_WhenDisabled_AreNotCounted()
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "counter-off" } });
        await CreateConfigMapAsync(fixture.Client, "counter-off", "not-counted");

        fixture.Server.Requests.Enabled.Should().BeFalse();
        fixture.Server.Requests.Snapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task Requests_WhenEnabled_AreCountedByVerbResourceAndClient()
    {
        var requests = fixture.Server.Requests;
        using var named = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Server.KubeconfigPath), new UserAgentHandler("counter-test/1.0"));
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "counter-on" } });
        requests.Enabled = true;
        try
        {
            await CreateConfigMapAsync(named, "counter-on", "one");
            await CreateConfigMapAsync(named, "counter-on", "two");
            await named.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "one", "counter-on");
            await named.CoreV1.ListNamespacedConfigMapAsync("counter-on");
            await named.CoreV1.DeleteNamespacedConfigMapAsync("two", "counter-on");
        }
        finally
        {
            requests.Enabled = false;
        }

        var counts = requests.Snapshot();
        counts.Should().Contain(new RequestKey("create", "configmaps", "counter-test"), 2)
            .And.Contain(new RequestKey("patch", "configmaps", "counter-test"), 1)
            .And.Contain(new RequestKey("list", "configmaps", "counter-test"), 1)
            .And.Contain(new RequestKey("delete", "configmaps", "counter-test"), 1);
        requests.Writes("counter-test").Should().Be(4);
        requests.Reset();
        requests.Snapshot().Should().BeEmpty();
    }

    private static Task<V1ConfigMap> CreateConfigMapAsync(Kubernetes client, string ns, string name) =>
        client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } }, ns);

    private sealed class UserAgentHandler(string userAgent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.UserAgent.Clear();
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
