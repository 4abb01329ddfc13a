using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tests.Fidelity;

/// <summary>Answers checked against kube-apiserver's exact status codes, reasons and message shapes.</summary>
public sealed class KubeApiserverErrorTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private readonly RawApi api = new(fixture);

    [Fact]
    public async Task UpdatePod_ImmutableSpecField_Returns422ForbiddenListingTheField()
    {
        var pod = await CreatePodAsync("immutable-spec");
        pod["spec"]!["restartPolicy"] = "Never";

        var answer = await api.SendAsync("PUT", "/api/v1/namespaces/default/pods/immutable-spec", pod.ToJsonString());

        answer.Code.Should().Be(422);
        var status = answer.Json;
        status["reason"]!.ToString().Should().Be("Invalid");
        status["message"]!.ToString().Should().StartWith("Pod \"immutable-spec\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,")
            .And.Contain("-").And.Contain("restartPolicy");
        var cause = status["details"]!["causes"]![0]!;
        cause["reason"]!.ToString().Should().Be("FieldValueForbidden");
        cause["field"]!.ToString().Should().Be("spec");
        status["details"]!["kind"]!.ToString().Should().Be("Pod");
    }

    [Fact]
    public async Task UpdatePod_ImageAndAddedToleration_Succeeds()
    {
        var pod = await CreatePodAsync("mutable-spec");
        pod["spec"]!["containers"]![0]!["image"] = "app:2";
        pod["spec"]!["tolerations"] = new JsonArray(new JsonObject { ["key"] = "k", ["operator"] = "Exists" });

        var answer = await api.SendAsync("PUT", "/api/v1/namespaces/default/pods/mutable-spec", pod.ToJsonString());

        answer.Code.Should().Be(200, answer.Body);
        answer.Json["spec"]!["containers"]![0]!["image"]!.ToString().Should().Be("app:2");
    }

    [Fact]
    public async Task PatchPod_RemovingToleration_Returns422()
    {
        await CreatePodAsync("tolerated", new JsonArray(new JsonObject { ["key"] = "k", ["operator"] = "Exists" }));

        var answer = await api.SendAsync("PATCH", "/api/v1/namespaces/default/pods/tolerated", "{\"spec\":{\"tolerations\":null}}", "application/merge-patch+json");

        answer.Code.Should().Be(422);
        answer.Json["message"]!.ToString().Should().Contain("tolerations");
    }

    [Fact]
    public async Task AddFinalizer_ToObjectBeingDeleted_Returns422Forbidden()
    {
        await api.SendAsync("POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/a\"]}}");
        (await api.SendAsync("DELETE", "/api/v1/namespaces/default/configmaps/held")).Code.Should().Be(200);

        var answer = await api.SendAsync(
            "PATCH", "/api/v1/namespaces/default/configmaps/held", "{\"metadata\":{\"finalizers\":[\"example.com/a\",\"example.com/b\"]}}", "application/merge-patch+json");
        var release = await api.SendAsync("PATCH", "/api/v1/namespaces/default/configmaps/held", "{\"metadata\":{\"finalizers\":null}}", "application/merge-patch+json");

        answer.Code.Should().Be(422);
        answer.Json["reason"]!.ToString().Should().Be("Invalid");
        answer.Json["message"]!.ToString().Should().Be(
            "ConfigMap \"held\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/b\"}");
        release.Code.Should().Be(200, "removing finalizers stays allowed");
    }

    [Fact]
    public async Task Create_InTerminatingNamespace_Returns403WithNamespaceTerminatingCause()
    {
        await api.SendAsync("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"ending\"}}");
        await api.SendAsync("POST", "/api/v1/namespaces/ending/configmaps", "{\"metadata\":{\"name\":\"keeper\",\"finalizers\":[\"example.com/hold\"]}}");
        await api.SendAsync("DELETE", "/api/v1/namespaces/ending");

        var answer = await api.SendAsync("POST", "/api/v1/namespaces/ending/configmaps", "{\"metadata\":{\"name\":\"late\"}}");
        await api.SendAsync("PATCH", "/api/v1/namespaces/ending/configmaps/keeper", "{\"metadata\":{\"finalizers\":null}}", "application/merge-patch+json");

        answer.Code.Should().Be(403, answer.Body);
        var status = answer.Json;
        status["reason"]!.ToString().Should().Be("Forbidden");
        status["message"]!.ToString().Should().Be("configmaps \"late\" is forbidden: unable to create new content in namespace ending because it is being terminated");
        status["details"]!["name"]!.ToString().Should().Be("late");
        status["details"]!["kind"]!.ToString().Should().Be("configmaps");
        var cause = status["details"]!["causes"]![0]!;
        cause["reason"]!.ToString().Should().Be("NamespaceTerminating");
        cause["message"]!.ToString().Should().Be("namespace ending is being terminated");
        cause["field"]!.ToString().Should().Be("metadata.namespace");
    }

    [Theory]
    [InlineData("Not_A_Label")]
    [InlineData("")]
    [InlineData("dots.are.not.labels")]
    public async Task CreateRuntimeClass_HandlerNotDnsLabel_Returns422(string handler)
    {
        var answer = await api.SendAsync("POST", "/apis/node.k8s.io/v1/runtimeclasses", $"{{\"metadata\":{{\"name\":\"bad-handler\"}},\"handler\":\"{handler}\"}}");

        answer.Code.Should().Be(422);
        answer.Json["message"]!.ToString().Should().Be(
            $"RuntimeClass.node.k8s.io \"bad-handler\" is invalid: handler: Invalid value: \"{handler}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        answer.Json["details"]!["causes"]![0]!["field"]!.ToString().Should().Be("handler");
    }

    [Fact]
    public async Task UpdateRuntimeClass_ChangedHandler_Returns422Immutable()
    {
        (await api.SendAsync("POST", "/apis/node.k8s.io/v1/runtimeclasses", "{\"metadata\":{\"name\":\"fixed-handler\"},\"handler\":\"runhcs-wcow-hypervisor\"}")).Code.Should().Be(201);

        var answer = await api.SendAsync("PATCH", "/apis/node.k8s.io/v1/runtimeclasses/fixed-handler", "{\"handler\":\"other\"}", "application/merge-patch+json");

        answer.Code.Should().Be(422);
        answer.Json["message"]!.ToString().Should().Be("RuntimeClass.node.k8s.io \"fixed-handler\" is invalid: handler: Invalid value: \"other\": field is immutable");
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/pods?fieldSelector=spec.foo%3Dbar", "field label not supported: spec.foo")]
    [InlineData("/api/v1/nodes?fieldSelector=metadata.namespace%3Dx", "field label not supported: metadata.namespace")]
    [InlineData("/api/v1/namespaces/default/configmaps?fieldSelector=data.key%3Dv", "\"data.key\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dx,message%3Dy", "field label not supported: message")]
    public async Task List_UnsupportedFieldSelector_Returns400NamingTheField(string path, string message)
    {
        var answer = await api.SendAsync("GET", path);

        answer.Code.Should().Be(400);
        answer.Json["reason"]!.ToString().Should().Be("BadRequest");
        answer.Json["message"]!.ToString().Should().Be(message);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/pods?fieldSelector=spec.nodeName%3Dn,status.phase%3DRunning")]
    [InlineData("/api/v1/namespaces/default/events?fieldSelector=involvedObject.uid%3Du,reason%3Dr")]
    [InlineData("/api/v1/namespaces/default/secrets?fieldSelector=type%3DOpaque")]
    public async Task List_SupportedFieldSelector_Succeeds(string path)
    {
        (await api.SendAsync("GET", path)).Code.Should().Be(200);
    }

    [Theory]
    [InlineData("/apis/nope.example.com/v1")]
    [InlineData("/apis/nope.example.com")]
    [InlineData("/apis/nope.example.com/v1/namespaces/default/things")]
    [InlineData("/apis/apps/v9/deployments")]
    [InlineData("/no/such/path")]
    public async Task Get_UnknownGroupVersionPath_ReturnsPlain404Page(string path)
    {
        var answer = await api.SendAsync("GET", path);

        answer.Code.Should().Be(404);
        answer.ContentType.Should().StartWith("text/plain");
        answer.Body.Should().Be("404 page not found\n");
    }

    [Fact]
    public async Task Get_UnknownResourceInServedGroupVersion_ReturnsNotFoundStatus()
    {
        var answer = await api.SendAsync("GET", "/apis/apps/v1/frobnicators");

        answer.Code.Should().Be(404);
        answer.Json["kind"]!.ToString().Should().Be("Status");
        answer.Json["message"]!.ToString().Should().Be("the server could not find the requested resource");
    }

    private async Task<JsonObject> CreatePodAsync(string name, JsonArray? tolerations = null)
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "app:1" }),
                ["restartPolicy"] = "Always",
            },
        };
        if (tolerations is not null)
        {
            pod["spec"]!["tolerations"] = tolerations;
        }

        var answer = await api.SendAsync("POST", "/api/v1/namespaces/default/pods", pod.ToJsonString());
        answer.Code.Should().Be(201, answer.Body);
        return answer.Json;
    }
}
