using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Semantics;

public sealed class SmokeTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task CreateNamespacedConfigMap_ThenGet_ReturnsStoredObject()
    {
        var client = fixture.Client;
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "smoke" }, Data = new Dictionary<string, string> { ["a"] = "b" } },
            "default");

        var read = await client.CoreV1.ReadNamespacedConfigMapAsync("smoke", "default");

        read.Data["a"].Should().Be("b");
        read.Metadata.Uid.Should().Be(created.Metadata.Uid);
        read.Metadata.ResourceVersion.Should().Be(created.Metadata.ResourceVersion);
    }
}
