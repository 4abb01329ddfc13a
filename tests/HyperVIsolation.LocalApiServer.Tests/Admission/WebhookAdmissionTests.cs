using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Admission;

public sealed class WebhookAdmissionTests
{
    [Fact]
    public async Task Create_MutatingThenValidating_ValidatorSeesPatchedObjectAndUser()
    {
        await using var harness = await WebhookHarness.StartAsync();
        harness.Webhooks.Map("/mutate", _ => TestWebhookServer.Patch(Op("add", "/metadata/labels", new JsonObject { ["mutated"] = "yes" })));
        var service = harness.Hook("mutate.test.io", "/mutate");
        service["clientConfig"] = new JsonObject
        {
            ["service"] = new JsonObject { ["namespace"] = "webhooks", ["name"] = "hooks", ["path"] = "/mutate" },
            ["caBundle"] = Convert.ToBase64String(harness.Webhooks.CaBundle),
        };
        await harness.MutatingAsync("mutate", service);
        await harness.ValidatingAsync("validate", harness.Hook("validate.test.io", "/validate"));
        using var tenant = harness.CreateTenantClient();

        var created = await harness.CreateConfigMapAsync("mutated", client: tenant);

        created.Metadata.Labels.Should().Contain("mutated", "yes");
        var review = harness.Webhooks.RequestsTo("/validate").Single();
        review["object"]!["metadata"]!["labels"]!["mutated"]!.ToString().Should().Be("yes");
        review["operation"]!.ToString().Should().Be("CREATE");
        review["kind"]!["kind"]!.ToString().Should().Be("ConfigMap");
        review["resource"]!["resource"]!.ToString().Should().Be("configmaps");
        review["namespace"]!.ToString().Should().Be("default");
        review["userInfo"]!["username"]!.ToString().Should().Be("tenant");
        review["userInfo"]!["groups"]!.AsArray().Select(g => g!.ToString()).Should().Contain(["tenants", "system:authenticated"]);
    }

    [Fact]
    public async Task Create_ValidatorDenies_Returns403WithWebhookMessage()
    {
        await using var harness = await WebhookHarness.StartAsync();
        harness.Webhooks.Map("/deny", _ => TestWebhookServer.Deny("configmaps are not welcome"));
        await harness.ValidatingAsync("deny", harness.Hook("deny.test.io", "/deny"));

        var act = () => harness.CreateConfigMapAsync("denied");

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        error.Response.Content.Should().Contain("admission webhook \\\"deny.test.io\\\" denied the request: configmaps are not welcome");
    }

    [Theory]
    [InlineData("Fail", true)]
    [InlineData("Ignore", false)]
    public async Task Create_WebhookTimesOut_FailurePolicyDecides(string policy, bool rejected)
    {
        await using var harness = await WebhookHarness.StartAsync();
        harness.Webhooks.MapAsync("/slow", async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            return TestWebhookServer.Deny("too late");
        });
        var hook = harness.Hook("slow.test.io", "/slow");
        hook["timeoutSeconds"] = 1;
        hook["failurePolicy"] = policy;
        await harness.ValidatingAsync("slow", hook);

        var act = () => harness.CreateConfigMapAsync("slow");

        if (rejected)
        {
            var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
            error.Response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            error.Response.Content.Should().Contain("failed calling webhook \\\"slow.test.io\\\"");
        }
        else
        {
            await act.Should().NotThrowAsync();
        }
    }

    [Fact]
    public async Task Create_NamespaceAndObjectSelectors_OnlySelectedRequestsReachWebhook()
    {
        await using var harness = await WebhookHarness.StartAsync();
        harness.Webhooks.Map("/deny", _ => TestWebhookServer.Deny("selected"));
        var byNamespace = harness.Hook("ns.test.io", "/deny");
        byNamespace["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["admission"] = "on" } };
        var byObject = harness.Hook("obj.test.io", "/deny");
        byObject["objectSelector"] = new JsonObject { ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "check", ["operator"] = "In", ["values"] = new JsonArray("yes") }) };
        await harness.ValidatingAsync("selectors", byNamespace, byObject);
        await harness.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "guarded", Labels = new Dictionary<string, string> { ["admission"] = "on" } } });

        var inGuarded = () => harness.CreateConfigMapAsync("x", "guarded");
        var labelled = () => harness.CreateConfigMapAsync("y", "default", new Dictionary<string, string> { ["check"] = "yes" });
        var plain = await harness.CreateConfigMapAsync("z", "default", new Dictionary<string, string> { ["check"] = "no" });

        (await inGuarded.Should().ThrowAsync<HttpOperationException>()).Which.Response.Content.Should().Contain("ns.test.io");
        (await labelled.Should().ThrowAsync<HttpOperationException>()).Which.Response.Content.Should().Contain("obj.test.io");
        plain.Metadata.Name.Should().Be("z");
    }

    [Fact]
    public async Task Create_LaterMutatorChangesObject_IfNeededWebhookRunsAgain()
    {
        await using var harness = await WebhookHarness.StartAsync();
        harness.Webhooks.Map("/first", request =>
            request["object"]!["metadata"]!["labels"]?["second"] is null
                ? TestWebhookServer.Allow()
                : TestWebhookServer.Patch(Op("add", "/metadata/annotations", new JsonObject { ["first-saw-second"] = "true" })));
        harness.Webhooks.Map("/second", _ => TestWebhookServer.Patch(Op("add", "/metadata/labels", new JsonObject { ["second"] = "done" })));
        var first = harness.Hook("first.test.io", "/first");
        first["reinvocationPolicy"] = "IfNeeded";
        await harness.MutatingAsync("a-first", first);
        await harness.MutatingAsync("b-second", harness.Hook("second.test.io", "/second"));

        var created = await harness.CreateConfigMapAsync("reinvoked");

        harness.Webhooks.RequestsTo("/first").Should().HaveCount(2);
        harness.Webhooks.RequestsTo("/second").Should().HaveCount(1);
        created.Metadata.Annotations.Should().Contain("first-saw-second", "true");
    }

    [Fact]
    public async Task DryRun_WebhookWithUnknownSideEffects_IsRejectedWithoutCall()
    {
        await using var harness = await WebhookHarness.StartAsync();
        var hook = harness.Hook("effects.test.io", "/effects");
        hook["sideEffects"] = "Unknown";
        await harness.ValidatingAsync("effects", hook);

        var act = () => harness.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dry" } }, "default", dryRun: "All");

        var error = (await act.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.Response.Content.Should().Contain("does not support dry run");
        harness.Webhooks.RequestsTo("/effects").Should().BeEmpty();
    }

    [Fact]
    public async Task UpdateStatus_RuleWithoutSubresource_DoesNotCallWebhook()
    {
        await using var harness = await WebhookHarness.StartAsync();
        await harness.ValidatingAsync("pods", harness.Hook("pods.test.io", "/pods", "pods", "UPDATE"), harness.Hook("status.test.io", "/status", "pods/status", "UPDATE"));
        await harness.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] } }, "default");

        await harness.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch("""{"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch), "p", "default");

        harness.Webhooks.RequestsTo("/pods").Should().BeEmpty();
        harness.Webhooks.RequestsTo("/status").Should().ContainSingle().Which["subResource"]!.ToString().Should().Be("status");
    }

    private static JsonObject Op(string op, string path, JsonNode value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };
}
