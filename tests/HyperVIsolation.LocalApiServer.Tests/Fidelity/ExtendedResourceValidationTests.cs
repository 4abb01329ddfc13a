using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tests.Fidelity;

/// <summary>Extended resources are validated as kube-apiserver validates them: whole numbers, and no overcommit in a container.</summary>
public sealed class ExtendedResourceValidationTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Vm = "isolation.hyperv.dev/vm";

    private readonly RawApi api = new(fixture);

    [Fact]
    public async Task CreatePod_LimitOnly_RequestDefaultedToTheLimit()
    {
        var answer = await api.SendAsync("POST", "/api/v1/namespaces/default/pods", Pod("limit-only", requests: null, limits: "1"));

        answer.Code.Should().Be(201);
        answer.Json["spec"]!["containers"]![0]!["resources"]!["requests"]![Vm]!.ToString().Should().Be("1");
    }

    [Fact]
    public async Task CreatePod_RequestEqualsLimit_Succeeds()
    {
        (await api.SendAsync("POST", "/api/v1/namespaces/default/pods", Pod("equal", requests: "1", limits: "1"))).Code.Should().Be(201);
    }

    [Theory]
    [InlineData("fraction", "500m", "500m", "spec.containers[0].resources.requests[isolation.hyperv.dev/vm]: Invalid value: \"500m\": must be an integer")]
    [InlineData("overcommit", "1", "2", "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to isolation.hyperv.dev/vm limit of 2")]
    [InlineData("no-limit", "1", null, "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources")]
    [InlineData("negative", "-1", "-1", "spec.containers[0].resources.requests[isolation.hyperv.dev/vm]: Invalid value: \"-1\": must be greater than or equal to 0")]
    public async Task CreatePod_BadExtendedResource_Returns422NamingTheField(string name, string? requests, string? limits, string expected)
    {
        var answer = await api.SendAsync("POST", "/api/v1/namespaces/default/pods", Pod(name, requests, limits));

        answer.Code.Should().Be(422);
        answer.Json["message"]!.ToString().Should().Contain(expected);
    }

    [Fact]
    public async Task PatchNodeStatus_FractionalExtendedResource_Returns422()
    {
        (await api.SendAsync("POST", "/api/v1/nodes", "{\"metadata\":{\"name\":\"vm-node\"}}")).Code.Should().Be(201);

        var bad = await api.SendAsync("PATCH", "/api/v1/nodes/vm-node/status", $"{{\"status\":{{\"capacity\":{{\"{Vm}\":\"1500m\"}}}}}}", "application/merge-patch+json");
        var good = await api.SendAsync("PATCH", "/api/v1/nodes/vm-node/status", $"{{\"status\":{{\"capacity\":{{\"{Vm}\":\"2\"}}}}}}", "application/merge-patch+json");

        bad.Code.Should().Be(422);
        bad.Json["message"]!.ToString().Should().Contain("status.capacity[isolation.hyperv.dev/vm]: Invalid value: \"1500m\": must be an integer");
        good.Code.Should().Be(200);
    }

    private static string Pod(string name, string? requests, string? limits)
    {
        var resources = new JsonObject();
        if (requests is not null)
        {
            resources["requests"] = new JsonObject { [Vm] = requests };
        }

        if (limits is not null)
        {
            resources["limits"] = new JsonObject { [Vm] = limits };
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "img", ["resources"] = resources }) },
        }.ToJsonString();
    }
}
