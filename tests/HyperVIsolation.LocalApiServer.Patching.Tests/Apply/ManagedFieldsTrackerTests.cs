using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Apply;
using HyperVIsolation.LocalApiServer.Patching.Json;
using static HyperVIsolation.LocalApiServer.Patching.Tests.Apply.ApplyFixtures;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Apply;

public sealed class ManagedFieldsTrackerTests
{
    [Fact]
    public void RecordUpdate_Create_OwnsEveryFieldWithUpdateEntry()
    {
        var configMap = JsonAssertions.ParseObject("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"}},"data":{"k":"v"}}""");

        var result = ManagedFieldsTracker.RecordUpdate(null, configMap, "kubectl-create", ApplySchemaFor("v1", "ConfigMap"), T1);

        var entry = Entry(result, "kubectl-create", "Update")!;
        entry["apiVersion"].ShouldEqualJson("\"v1\"");
        entry["time"].ShouldEqualJson("\"2025-01-02T03:04:05Z\"");
        entry["fieldsV1"].ShouldEqualJson("""{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{".":{},"f:a":{}}}}""");
    }

    [Fact]
    public void RecordUpdate_ChangeByAnotherManager_TakesOwnershipOfChangedField()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "helm", DeploymentSchema, T1);
        var scaled = JsonMergePatch.ApplyToObject(created, JsonAssertions.Parse("""{"spec":{"replicas":5}}"""));

        var result = ManagedFieldsTracker.RecordUpdate(created, scaled, "kubectl-scale", DeploymentSchema, T2);

        Entry(result, "kubectl-scale", "Update")!["fieldsV1"].ShouldEqualJson("""{"f:spec":{"f:replicas":{}}}""");
        Entry(result, "helm", "Update")!["fieldsV1"]!["f:spec"]!["f:replicas"].Should().BeNull();
        Entry(result, "helm", "Update")!["time"].ShouldEqualJson("\"2025-01-02T03:04:05Z\"");
    }

    [Fact]
    public void RecordUpdate_UpdateThenApplyByOtherManager_ConflictsOnUpdatedField()
    {
        var applied = ServerSideApply.Apply(null, Deployment(), "helm", false, DeploymentSchema, T1);
        var scaled = JsonMergePatch.ApplyToObject(applied, JsonAssertions.Parse("""{"spec":{"replicas":5}}"""));
        var recorded = ManagedFieldsTracker.RecordUpdate(applied, scaled, "kubectl-scale", DeploymentSchema, T2);

        var act = () => ServerSideApply.Apply(recorded, Deployment(replicas: 2), "helm", false, DeploymentSchema, T3);

        act.Should().Throw<PatchException>().Which.Message.Should()
            .Be("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas");
    }

    [Fact]
    public void RecordUpdate_NoChange_KeepsEntriesAndTimes()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "helm", DeploymentSchema, T1);

        var result = ManagedFieldsTracker.RecordUpdate(created, created, "kubectl-edit", DeploymentSchema, T2);

        JsonNode.DeepEquals(result, created).Should().BeTrue(result.ToJsonString());
    }

    [Fact]
    public void RecordUpdate_RemovedField_LeavesNoOwner()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "helm", DeploymentSchema, T1);
        var unlabelled = JsonMergePatch.ApplyToObject(created, JsonAssertions.Parse("""{"metadata":{"labels":null}}"""));

        var result = ManagedFieldsTracker.RecordUpdate(created, unlabelled, "kubectl-label", DeploymentSchema, T2);

        Entry(result, "helm", "Update")!["fieldsV1"]!["f:metadata"].Should().BeNull();
        Entry(result, "kubectl-label", "Update").Should().BeNull("removing fields owns nothing");
    }

    [Fact]
    public void RecordUpdate_ResetMarker_ClearsManagedFields()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "helm", DeploymentSchema, T1);
        var reset = (JsonObject)created.DeepClone();
        reset["metadata"]!["managedFields"] = new JsonArray(new JsonObject());

        var result = ManagedFieldsTracker.RecordUpdate(created, reset, "kubectl-edit", DeploymentSchema, T2);

        result["metadata"]!["managedFields"].Should().BeNull();
    }

    [Fact]
    public void RecordUpdate_GarbageManagedFieldsInLiveObject_ResetsInsteadOfFailing()
    {
        var live = Deployment();
        live["metadata"]!["managedFields"] = JsonAssertions.Parse("""[{"manager":"x","operation":"Update","fieldsV1":{"f:spec":7}}]""");

        var result = ManagedFieldsTracker.RecordUpdate(live, Deployment(replicas: 3), "m", DeploymentSchema, T2);

        result["metadata"]!["managedFields"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public void RecordUpdate_StatusSubresource_RecordsSubresourceAndDescribesIt()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "helm", DeploymentSchema, T1);
        var withStatus = (JsonObject)created.DeepClone();
        withStatus["status"] = JsonAssertions.Parse("""{"conditions":[{"type":"Available","status":"True"}]}""");

        var result = ManagedFieldsTracker.RecordUpdate(created, withStatus, "kube-controller-manager", DeploymentSchema, T2, "status");

        var entry = Entry(result, "kube-controller-manager", "Update")!;
        entry["subresource"].ShouldEqualJson("\"status\"");
        entry["fieldsV1"].ShouldEqualJson("""{"f:status":{".":{},"f:conditions":{".":{},"k:{\"type\":\"Available\"}":{".":{},"f:status":{},"f:type":{}}}}}""");
    }

    private static HyperVIsolation.LocalApiServer.Patching.Schema.ApplySchema ApplySchemaFor(string apiVersion, string kind) =>
        HyperVIsolation.LocalApiServer.Patching.Schema.ApplySchema.ForBuiltIn(apiVersion, kind)!;
}
