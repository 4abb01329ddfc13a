using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Tests.Fidelity;

/// <summary>List metadata and JSON encoding as kube-apiserver produces them.</summary>
public sealed class ListAndEncodingFidelityTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly RawApi api = new(fixture);

    [Fact]
    public async Task List_PageWithSelector_HasContinueButNoRemainingItemCount()
    {
        for (var i = 0; i < 3; i++)
        {
            await api.SendAsync("POST", "/api/v1/namespaces/default/configmaps", $"{{\"metadata\":{{\"name\":\"paged-{i}\",\"labels\":{{\"set\":\"paged\"}}}}}}");
        }

        var selected = (await api.SendAsync("GET", "/api/v1/namespaces/default/configmaps?limit=1&labelSelector=set%3Dpaged")).Json["metadata"]!.AsObject();
        var table = (await api.SendAsync("GET", "/api/v1/namespaces/default/configmaps?limit=1&labelSelector=set%3Dpaged", accept: "application/json;as=Table;v=v1;g=meta.k8s.io")).Json["metadata"]!.AsObject();
        var unselected = (await api.SendAsync("GET", "/api/v1/namespaces/default/configmaps?limit=1")).Json["metadata"]!.AsObject();

        selected.ContainsKey("continue").Should().BeTrue();
        selected.ContainsKey("remainingItemCount").Should().BeFalse();
        table.ContainsKey("continue").Should().BeTrue();
        table.ContainsKey("remainingItemCount").Should().BeFalse();
        unselected["remainingItemCount"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Get_BuiltInKind_WritesMapKeysSortedAndStructFieldsAsGiven()
    {
        await api.SendAsync("POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"sorted\",\"labels\":{\"zeta\":\"1\",\"alpha\":\"2\"}},\"data\":{\"y\":\"1\",\"b\":\"2\",\"B\":\"3\"}}");

        var body = (await api.SendAsync("GET", "/api/v1/namespaces/default/configmaps/sorted")).Body;

        body.IndexOf("\"alpha\"", StringComparison.Ordinal).Should().BeLessThan(body.IndexOf("\"zeta\"", StringComparison.Ordinal));
        body.Should().Contain("\"data\":{\"B\":\"3\",\"b\":\"2\",\"y\":\"1\"}", "Go sorts map keys by bytes");
        body.IndexOf("\"kind\"", StringComparison.Ordinal).Should().BeLessThan(body.IndexOf("\"apiVersion\"", StringComparison.Ordinal), "struct fields keep their order");
    }

    [Fact]
    public void Apply_CustomResource_SortsEveryObjectDeeply()
    {
        var resource = new ResourceDefinition
        {
            Group = "example.com",
            Version = "v1",
            Plural = "things",
            Singular = "thing",
            Kind = "Thing",
            Namespaced = true,
            Custom = new CustomResourceDetails(null, [], null),
        };
        var obj = JsonNode.Parse("{\"spec\":{\"z\":1,\"a\":[{\"y\":1,\"b\":2}]},\"metadata\":{\"name\":\"n\"},\"kind\":\"Thing\",\"apiVersion\":\"example.com/v1\"}")!.AsObject();

        GoKeyOrder.Apply(resource, obj);

        obj.ToJsonString().Should().Be("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Thing\",\"metadata\":{\"name\":\"n\"},\"spec\":{\"a\":[{\"b\":2,\"y\":1}],\"z\":1}}");
    }
}
