using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Semantics;

public sealed class CustomResourceTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IAsyncLifetime
{
    private const string Group = "test.example.com";

    private Kubernetes Client => fixture.Client;

    public async Task InitializeAsync()
    {
        try
        {
            await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"gadgets.{Group}");
        }
        catch (HttpOperationException)
        {
            await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(GadgetDefinition());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateCrd_SetsEstablishedAndNamesAccepted()
    {
        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync($"gadgets.{Group}");

        crd.Status.Conditions.Where(c => c.Status == "True").Select(c => c.Type).Should().Contain(["Established", "NamesAccepted"]);
    }

    [Fact]
    public async Task CustomResource_CreateGetListDelete_RoundTrips()
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Gadget("crud", 2), Group, "v1", "default", "gadgets");

        var read = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "gadgets", "crud");
        var list = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(Group, "v1", "default", "gadgets");
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, "v1", "default", "gadgets", "crud");
        var act = () => Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "gadgets", "crud");

        read.GetProperty("spec").GetProperty("size").GetInt32().Should().Be(2);
        read.GetProperty("spec").GetProperty("color").GetString().Should().Be("blue", "the schema default applies");
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("name").GetString()).Should().Contain("crud");
        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CustomResource_SchemaViolation_ReturnsInvalidWithFieldPaths()
    {
        var act = () => Client.CustomObjects.CreateNamespacedCustomObjectAsync(Gadget("bad", 0, color: "green"), Group, "v1", "default", "gadgets");

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be((System.Net.HttpStatusCode)422);
        error.Response.Content.Should().Contain("\"reason\":\"Invalid\"").And.Contain("\"field\":\"spec.size\"").And.Contain("\"field\":\"spec.color\"");
    }

    [Fact]
    public async Task CustomResource_UnknownFieldWithStrictValidation_ReturnsBadRequest()
    {
        var gadget = Gadget("strict", 1);
        ((Dictionary<string, object>)gadget["spec"])["bogus"] = true;

        var act = () => Client.CustomObjects.CreateNamespacedCustomObjectAsync(gadget, Group, "v1", "default", "gadgets", fieldValidation: "Strict");

        (await act.Should().ThrowAsync<HttpOperationException>()).Which.Response.Content.Should().Contain("unknown field \\\"spec.bogus\\\"");
    }

    [Fact]
    public async Task CustomResource_UnknownFieldWithWarn_PrunesAndWarns()
    {
        var gadget = Gadget("warned", 1);
        ((Dictionary<string, object>)gadget["spec"])["bogus"] = true;

        using var response = await Client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(gadget, Group, "v1", "default", "gadgets", fieldValidation: "Warn");

        response.Response.Headers.GetValues("Warning").Should().ContainSingle().Which.Should().Contain("spec.bogus");
        ((JsonElement)response.Body).GetProperty("spec").TryGetProperty("bogus", out _).Should().BeFalse();
    }

    [Fact]
    public async Task CustomResource_StatusSubresource_IsIsolatedFromSpec()
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Gadget("status", 1), Group, "v1", "default", "gadgets");

        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("{\"spec\":{\"size\":5},\"status\":{\"phase\":\"Ready\"}}", V1Patch.PatchType.MergePatch), Group, "v1", "default", "gadgets", "status");
        var read = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "gadgets", "status");

        read.GetProperty("spec").GetProperty("size").GetInt32().Should().Be(1);
        read.GetProperty("status").GetProperty("phase").GetString().Should().Be("Ready");
        read.GetProperty("metadata").GetProperty("generation").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task CustomResource_ScaleSubresource_ReadsAndWritesReplicas()
    {
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Gadget("scaled", 2), Group, "v1", "default", "gadgets");

        await Client.CustomObjects.PatchNamespacedCustomObjectScaleAsync(
            new V1Patch("{\"spec\":{\"replicas\":4}}", V1Patch.PatchType.MergePatch), Group, "v1", "default", "gadgets", "scaled");
        var read = (JsonElement)await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "gadgets", "scaled");

        read.GetProperty("spec").GetProperty("size").GetInt32().Should().Be(4);
    }

    private static Dictionary<string, object> Gadget(string name, int size, string? color = null)
    {
        var spec = new Dictionary<string, object> { ["size"] = size };
        if (color is not null)
        {
            spec["color"] = color;
        }

        return new Dictionary<string, object>
        {
            ["apiVersion"] = $"{Group}/v1",
            ["kind"] = "Gadget",
            ["metadata"] = new Dictionary<string, object> { ["name"] = name },
            ["spec"] = spec,
        };
    }

    private static V1CustomResourceDefinition GadgetDefinition() => new()
    {
        Metadata = new V1ObjectMeta { Name = $"gadgets.{Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "gadgets", Singular = "gadget", Kind = "Gadget" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources
                    {
                        Status = new object(),
                        Scale = new V1CustomResourceSubresourceScale { SpecReplicasPath = ".spec.size", StatusReplicasPath = ".status.size" },
                    },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Required = ["size"],
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["size"] = new() { Type = "integer", Minimum = 1 },
                                        ["color"] = new() { Type = "string", EnumProperty = ["blue", "red"], DefaultProperty = "blue" },
                                    },
                                },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };
}
