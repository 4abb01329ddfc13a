using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Tests.Admission;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalApiServer.Tests.Conformance;

public sealed class KubectlAdmissionTests(ClientToolsFixture tools) : IClassFixture<ClientToolsFixture>
{
    [Fact]
    public async Task Create_WebhookWarnsAndDenies_KubectlPrintsWarningAndDenial()
    {
        await using var webhooks = await TestWebhookServer.StartAsync();
        webhooks.Map("/check", request => request["object"]!["metadata"]!["name"]!.ToString() == "bad"
            ? TestWebhookServer.Deny("bad name")
            : new JsonObject { ["allowed"] = true, ["warnings"] = new JsonArray("configmap looks odd") });
        using var client = tools.Server.CreateClient();
        await client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(KubernetesJson.Deserialize<V1ValidatingWebhookConfiguration>($$"""
            {"metadata":{"name":"kubectl-check"},"webhooks":[{"name":"check.test.io","sideEffects":"None","admissionReviewVersions":["v1"],
             "clientConfig":{"url":"{{webhooks.BaseUri}}check","caBundle":"{{Convert.ToBase64String(webhooks.CaBundle)}}"},
             "rules":[{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE"],"resources":["configmaps"]}]}]}
            """));

        try
        {
            var warned = await tools.KubectlAsync("create", "configmap", "odd", "--from-literal=a=1");
            var denied = await tools.KubectlAsync("create", "configmap", "bad", "--from-literal=a=1");

            warned.ExitCode.Should().Be(0, warned.All);
            warned.Error.Should().Contain("Warning: configmap looks odd");
            denied.ExitCode.Should().NotBe(0);
            denied.Error.Should().Contain("admission webhook \"check.test.io\" denied the request: bad name");
        }
        finally
        {
            await client.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync("kubectl-check");
        }
    }
}
