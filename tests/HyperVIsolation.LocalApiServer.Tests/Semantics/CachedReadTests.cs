using System.Text.Json;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Semantics;

/// <summary>Reads served from stored objects' cached JSON: never stale after a write, shaped per version.</summary>
public sealed class CachedReadTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Group = "cache.example.com";

    private Kubernetes Client => fixture.Client;

    [Fact]
    public async Task GetListAndWatch_AfterUpdate_ReturnTheNewObject()
    {
        var ns = await NamespaceAsync("cached-update");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm" }, Data = new Dictionary<string, string> { ["v"] = "old" } }, ns);
        var before = await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", ns);
        await Client.CoreV1.ListNamespacedConfigMapAsync(ns);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"v\":\"new\"}}", V1Patch.PatchType.MergePatch), "cm", ns);
        var got = await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", ns);
        var listed = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        var watched = await FirstEventAsync(Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: before.Metadata.ResourceVersion, cancellationToken: Timeout()));

        got.Data["v"].Should().Be("new");
        got.Metadata.ResourceVersion.Should().NotBe(before.Metadata.ResourceVersion);
        listed.Items.Single().Data["v"].Should().Be("new");
        watched.Type.Should().Be(WatchEventType.Modified);
        watched.Object.Data["v"].Should().Be("new");
    }

    [Fact]
    public async Task List_WithManyItems_StreamsEveryItemOnceWithTheEnvelope()
    {
        var ns = await NamespaceAsync("cached-many");
        for (var i = 0; i < 120; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i:D3}" }, Data = new Dictionary<string, string> { ["blob"] = new string('x', 400) } }, ns);
        }

        var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 100);
        var rest = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 100, continueParameter: page.Metadata.ContinueProperty);

        page.Kind.Should().Be("ConfigMapList");
        page.ApiVersion.Should().Be("v1");
        page.Metadata.RemainingItemCount.Should().Be(20);
        page.Items.Concat(rest.Items).Select(c => c.Metadata.Name).Should().Equal(Enumerable.Range(0, 120).Select(i => $"cm-{i:D3}"));
        page.Items.Should().AllSatisfy(c => c.Kind.Should().Be("ConfigMap"));
    }

    [Fact]
    public async Task Reads_OfMultiVersionCustomResource_PresentTheRequestedVersion()
    {
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(TwoVersionDefinition());
        var ns = await NamespaceAsync("cached-versions");
        var created = (JsonElement)await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new Dictionary<string, object> { ["apiVersion"] = $"{Group}/v1", ["kind"] = "Doohickey", ["metadata"] = new Dictionary<string, object> { ["name"] = "d" }, ["spec"] = new Dictionary<string, object> { ["size"] = 3 } },
            Group,
            "v1",
            ns,
            "doohickeys");
        var version = created.GetProperty("metadata").GetProperty("resourceVersion").GetString();

        var oldGet = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1beta1", ns, "doohickeys", "d");
        var oldList = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(Group, "v1beta1", ns, "doohickeys");
        var newGet = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", ns, "doohickeys", "d");
        var newList = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(Group, "v1", ns, "doohickeys");
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{\"spec\":{\"size\":4}}", V1Patch.PatchType.MergePatch), Group, "v1", ns, "doohickeys", "d");
        var watched = await FirstEventAsync(Client.CustomObjects.WatchListNamespacedCustomObjectAsync(Group, "v1beta1", ns, "doohickeys", resourceVersion: version, cancellationToken: Timeout()));

        oldGet.GetProperty("apiVersion").GetString().Should().Be($"{Group}/v1beta1");
        oldList.GetProperty("apiVersion").GetString().Should().Be($"{Group}/v1beta1");
        oldList.GetProperty("items")[0].GetProperty("apiVersion").GetString().Should().Be($"{Group}/v1beta1");
        newGet.GetProperty("apiVersion").GetString().Should().Be($"{Group}/v1", "shaped reads must not change the stored object");
        newList.GetProperty("items")[0].GetProperty("apiVersion").GetString().Should().Be($"{Group}/v1");
        var watchedObject = (JsonElement)watched.Object;
        watchedObject.GetProperty("apiVersion").GetString().Should().Be($"{Group}/v1beta1");
        watchedObject.GetProperty("spec").GetProperty("size").GetInt32().Should().Be(4);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private static async Task<(WatchEventType Type, T Object)> FirstEventAsync<T>(IAsyncEnumerable<(WatchEventType, T)> events)
    {
        await foreach (var change in events)
        {
            return change;
        }

        throw new InvalidOperationException("the watch ended without an event");
    }

    private async Task<string> NamespaceAsync(string name)
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private static V1CustomResourceDefinition TwoVersionDefinition()
    {
        var schema = new V1CustomResourceValidation
        {
            OpenAPIV3Schema = new V1JSONSchemaProps
            {
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps>
                {
                    ["spec"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer" } } },
                },
            },
        };
        return new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"doohickeys.{Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "doohickeys", Singular = "doohickey", Kind = "Doohickey" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion { Name = "v1", Served = true, Storage = true, Schema = schema },
                    new V1CustomResourceDefinitionVersion { Name = "v1beta1", Served = true, Storage = false, Schema = schema },
                ],
            },
        };
    }
}
