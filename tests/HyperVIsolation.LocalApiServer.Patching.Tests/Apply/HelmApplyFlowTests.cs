using HyperVIsolation.LocalApiServer.Patching.Apply;
using static HyperVIsolation.LocalApiServer.Patching.Tests.Apply.ApplyFixtures;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Apply;

/// <summary>The sequence Helm 4 drives: create by apply, then apply again on upgrade.</summary>
public sealed class HelmApplyFlowTests
{
    [Fact]
    public void Apply_CreateThenUpgrade_UpdatesOnlyChangedFieldsAndKeepsServerFields()
    {
        var created = Stored(ServerSideApply.Apply(null, Deployment(), "helm", force: false, DeploymentSchema, T1));
        var defaulted = (System.Text.Json.Nodes.JsonObject)created.DeepClone();
        defaulted["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "IfNotPresent";

        var upgraded = ServerSideApply.Apply(defaulted, Deployment(replicas: 3, image: "nginx:1.28"), "helm", force: false, DeploymentSchema, T2);

        upgraded["spec"]!["replicas"].ShouldEqualJson("3");
        upgraded["spec"]!["template"]!["spec"]!["containers"].ShouldEqualJson(
            """[{"name":"nginx","image":"nginx:1.28","ports":[{"containerPort":80}],"imagePullPolicy":"IfNotPresent"}]""");
        upgraded["metadata"]!["resourceVersion"].ShouldEqualJson("\"1\"");
        Entry(upgraded, "helm")!["time"].ShouldEqualJson("\"2025-01-02T03:09:05Z\"");
    }

    [Fact]
    public void Apply_UpgradeDroppingContainer_RemovesItWithItsDefaultedFields()
    {
        var twoContainers = Deployment();
        twoContainers["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Add(JsonAssertions.Parse("""{"name":"sidecar","image":"s:1"}"""));
        var created = Stored(ServerSideApply.Apply(null, twoContainers, "helm", force: false, DeploymentSchema, T1));
        created["spec"]!["template"]!["spec"]!["containers"]![1]!["imagePullPolicy"] = "IfNotPresent";

        var upgraded = ServerSideApply.Apply(created, Deployment(), "helm", force: false, DeploymentSchema, T2);

        upgraded["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Should().ContainSingle();
    }
}
