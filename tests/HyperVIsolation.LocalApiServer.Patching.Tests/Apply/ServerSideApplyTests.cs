using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Apply;
using HyperVIsolation.LocalApiServer.Patching.Schema;
using static HyperVIsolation.LocalApiServer.Patching.Tests.Apply.ApplyFixtures;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Apply;

public sealed class ServerSideApplyTests
{
    private const string KnownGoodDeploymentFields = """
        {"f:metadata":{"f:labels":{"f:app":{}}},
         "f:spec":{"f:replicas":{},"f:selector":{},
          "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
           "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},
            "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}
        """;

    [Fact]
    public void Apply_Create_RecordsApplyEntryWithKnownGoodFieldsV1()
    {
        var result = ServerSideApply.Apply(null, Deployment(), "kubectl", force: false, DeploymentSchema, T1);

        var entry = Entry(result, "kubectl")!;
        entry["operation"].ShouldEqualJson("\"Apply\"");
        entry["apiVersion"].ShouldEqualJson("\"apps/v1\"");
        entry["time"].ShouldEqualJson("\"2025-01-02T03:04:05Z\"");
        entry["fieldsType"].ShouldEqualJson("\"FieldsV1\"");
        entry["fieldsV1"].ShouldEqualJson(KnownGoodDeploymentFields);
        entry.Select(p => p.Key).Should().Equal("manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1");
        result["spec"].ShouldEqualJson(Deployment()["spec"]!.ToJsonString());
    }

    [Fact]
    public void Apply_ListItemWithChildren_WritesSelfMarkerFirst()
    {
        var result = ServerSideApply.Apply(null, Deployment(), "kubectl", force: false, DeploymentSchema, T1);

        var container = Entry(result, "kubectl")!["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"nginx\"}"]!.AsObject();
        container.Select(p => p.Key).Should().Equal(".", "f:image", "f:name", "f:ports");
    }

    [Fact]
    public void Apply_SameConfigurationAgain_LeavesObjectAndTimeUnchanged()
    {
        var first = Stored(ServerSideApply.Apply(null, Deployment(), "helm", force: false, DeploymentSchema, T1));

        var second = ServerSideApply.Apply(first, Deployment(), "helm", force: false, DeploymentSchema, T2);

        JsonNode.DeepEquals(first, second).Should().BeTrue(second.ToJsonString());
    }

    [Fact]
    public void Apply_ChangedConfiguration_UpdatesValueAndTime()
    {
        var first = Stored(ServerSideApply.Apply(null, Deployment(), "helm", force: false, DeploymentSchema, T1));

        var second = ServerSideApply.Apply(first, Deployment(image: "nginx:1.28"), "helm", force: false, DeploymentSchema, T2);

        second["spec"]!["template"]!["spec"]!["containers"]![0]!["image"].ShouldEqualJson("\"nginx:1.28\"");
        second["metadata"]!["uid"].ShouldEqualJson("\"0b5c1f7e-0000-4000-8000-000000000001\"");
        Entry(second, "helm")!["time"].ShouldEqualJson("\"2025-01-02T03:09:05Z\"");
        second["metadata"]!["managedFields"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public void Apply_FieldNoLongerApplied_IsRemoved()
    {
        var first = ServerSideApply.Apply(null, Deployment(labels: """{"app":"web","tier":"front"}"""), "helm", false, DeploymentSchema, T1);

        var second = ServerSideApply.Apply(first, Configuration("""{"selector":{"matchLabels":{"app":"web"}}}"""), "helm", false, DeploymentSchema, T2);

        second["metadata"]!["labels"].Should().BeNull("the labels map emptied by pruning goes too");
        second["spec"].ShouldEqualJson("""{"selector":{"matchLabels":{"app":"web"}}}""");
        Entry(second, "helm")!["fieldsV1"].ShouldEqualJson("""{"f:spec":{"f:selector":{}}}""");
    }

    [Fact]
    public void Apply_FieldOwnedByAnotherManagerToo_IsKeptWhenOneStopsApplying()
    {
        var first = ServerSideApply.Apply(null, Configuration("""{"replicas":2}"""), "a", false, DeploymentSchema, T1);
        var shared = ServerSideApply.Apply(first, Configuration("""{"replicas":2}"""), "b", false, DeploymentSchema, T2);

        var afterA = ServerSideApply.Apply(shared, Configuration("{}"), "a", false, DeploymentSchema, T3);
        var afterB = ServerSideApply.Apply(afterA, Configuration("{}"), "b", false, DeploymentSchema, T3);

        Entry(shared, "a")!["fieldsV1"].ShouldEqualJson("""{"f:spec":{"f:replicas":{}}}""");
        Entry(shared, "b")!["fieldsV1"].ShouldEqualJson("""{"f:spec":{"f:replicas":{}}}""");
        afterA["spec"]!["replicas"].ShouldEqualJson("2");
        afterB["spec"]!["replicas"].Should().BeNull();
    }

    [Fact]
    public void Apply_FieldChangedByClientSideApply_ConflictsWithKubernetesMessage()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "kubectl-client-side-apply", DeploymentSchema, T1);

        var act = () => ServerSideApply.Apply(created, Configuration("""{"replicas":3}"""), "kubectl", false, DeploymentSchema, T2);

        var error = act.Should().Throw<PatchException>().Which;
        error.Reason.Should().Be(StatusReasons.Conflict);
        error.StatusCode.Should().Be(409);
        error.Message.Should().Be("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
        error.Causes.Should().Equal(new PatchFailureCause("FieldManagerConflict", "conflict with \"kubectl-client-side-apply\" using apps/v1", ".spec.replicas"));
    }

    [Fact]
    public void Apply_SameValueAsOtherManager_SharesOwnershipWithoutConflict()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "kubectl-client-side-apply", DeploymentSchema, T1);

        var result = ServerSideApply.Apply(created, Configuration("""{"replicas":2}"""), "kubectl", false, DeploymentSchema, T2);

        Entry(result, "kubectl")!["fieldsV1"].ShouldEqualJson("""{"f:spec":{"f:replicas":{}}}""");
        Entry(result, "kubectl-client-side-apply", "Update")!["fieldsV1"]!["f:spec"]!["f:replicas"].Should().NotBeNull();
    }

    [Fact]
    public void Apply_SeveralConflicts_ListsThemPerManager()
    {
        var byA = ServerSideApply.Apply(null, Configuration("""{"replicas":1,"paused":false}"""), "a", false, DeploymentSchema, T1);
        var byB = ServerSideApply.Apply(byA, Configuration("""{"minReadySeconds":5}"""), "b", false, DeploymentSchema, T1);

        var act = () => ServerSideApply.Apply(byB, Configuration("""{"replicas":4,"paused":true,"minReadySeconds":9}"""), "c", false, DeploymentSchema, T2);

        var error = act.Should().Throw<PatchException>().Which;
        error.Message.Should().Be("Apply failed with 3 conflicts: conflicts with \"a\":\n- .spec.paused\n- .spec.replicas\nconflicts with \"b\":\n- .spec.minReadySeconds");
        error.Causes.Should().HaveCount(3);
    }

    [Fact]
    public void Apply_Force_TakesOwnershipFromOtherManager()
    {
        var created = ManagedFieldsTracker.RecordUpdate(null, Deployment(), "kubectl-client-side-apply", DeploymentSchema, T1);

        var result = ServerSideApply.Apply(created, Configuration("""{"replicas":3}"""), "kubectl", force: true, DeploymentSchema, T2);

        result["spec"]!["replicas"].ShouldEqualJson("3");
        Entry(result, "kubectl")!["fieldsV1"].ShouldEqualJson("""{"f:spec":{"f:replicas":{}}}""");
        Entry(result, "kubectl-client-side-apply", "Update")!["fieldsV1"]!["f:spec"]!["f:replicas"].Should().BeNull();
    }

    [Fact]
    public void Apply_TwoManagersOwningDifferentContainers_MergesListByKey()
    {
        var byA = ServerSideApply.Apply(null, Configuration("""{"template":{"spec":{"containers":[{"name":"a","image":"a:1"}]}}}"""), "a", false, DeploymentSchema, T1);
        var byB = ServerSideApply.Apply(byA, Configuration("""{"template":{"spec":{"containers":[{"name":"b","image":"b:1"}]}}}"""), "b", false, DeploymentSchema, T2);

        var aDropsItsContainer = ServerSideApply.Apply(byB, Configuration("{}"), "a", false, DeploymentSchema, T3);

        byB["spec"]!["template"]!["spec"]!["containers"].ShouldEqualJson("""[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]""");
        aDropsItsContainer["spec"]!["template"]!["spec"]!["containers"].ShouldEqualJson("""[{"name":"b","image":"b:1"}]""");
    }

    [Fact]
    public void Apply_OtherManagerOwnsFieldInsideItem_KeepsItemAndItsKey()
    {
        var byA = ServerSideApply.Apply(null, Configuration("""{"template":{"spec":{"containers":[{"name":"a","image":"a:1"}]}}}"""), "a", false, DeploymentSchema, T1);
        var byB = ServerSideApply.Apply(byA, Configuration("""{"template":{"spec":{"containers":[{"name":"a","imagePullPolicy":"Always"}]}}}"""), "b", false, DeploymentSchema, T2);

        var result = ServerSideApply.Apply(byB, Configuration("{}"), "a", false, DeploymentSchema, T3);

        result["spec"]!["template"]!["spec"]!["containers"].ShouldEqualJson("""[{"name":"a","imagePullPolicy":"Always"}]""");
    }

    [Fact]
    public void Apply_CustomResourceWithListMapSchema_MergesByDeclaredKeys()
    {
        var schema = ApplySchema.FromOpenApiSchema(JsonAssertions.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "items":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                       "items":{"type":"object","properties":{"name":{"type":"string"},"size":{"type":"integer"}}}},
              "tags":{"type":"array","items":{"type":"string"}}}}}}
            """));
        JsonObject Widget(string spec) => JsonAssertions.ParseObject($$"""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{{spec}} }""");
        var byA = ServerSideApply.Apply(null, Widget("""{"items":[{"name":"x","size":1}],"tags":["a"]}"""), "a", false, schema, T1);

        var byB = ServerSideApply.Apply(byA, Widget("""{"items":[{"name":"y","size":2}]}"""), "b", false, schema, T2);

        byB["spec"]!["items"].ShouldEqualJson("""[{"name":"x","size":1},{"name":"y","size":2}]""");
        Entry(byB, "b")!["fieldsV1"].ShouldEqualJson("""{"f:spec":{"f:items":{"k:{\"name\":\"y\"}":{".":{},"f:name":{},"f:size":{}}}}}""");
        Entry(byA, "a")!["fieldsV1"]!["f:spec"]!["f:tags"].ShouldEqualJson("{}");
    }

    [Fact]
    public void Apply_UntypedAtomicList_ConflictsOnWholeList()
    {
        JsonObject Widget(string tags) => JsonAssertions.ParseObject($$"""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"tags":{{tags}} } }""");
        var byA = ServerSideApply.Apply(null, Widget("""["a"]"""), "a", false, ApplySchema.Untyped, T1);

        var act = () => ServerSideApply.Apply(byA, Widget("""["b"]"""), "b", false, ApplySchema.Untyped, T2);

        act.Should().Throw<PatchException>().Which.Message.Should().Be("Apply failed with 1 conflict: conflict with \"a\": .spec.tags");
    }

    [Fact]
    public void Apply_FinalizersAsSet_EncodesValueElements()
    {
        var configuration = JsonAssertions.ParseObject("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["example.com/x"]}}""");

        var result = ServerSideApply.Apply(null, configuration, "m", false, ApplySchema.ForBuiltIn("v1", "ConfigMap")!, T1);

        Entry(result, "m")!["fieldsV1"].ShouldEqualJson("""{"f:metadata":{"f:finalizers":{"v:\"example.com/x\"":{}}}}""");
    }

    [Theory]
    [InlineData("""[]""", "kubectl")]
    [InlineData("""{"kind":"Deployment"}""", "kubectl")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment"}""", "")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"managedFields":[{"manager":"x"}]}}""", "kubectl")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", "kubectl")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"x"},{"name":"x"}]}}}}""", "kubectl")]
    public void Apply_MalformedConfiguration_ThrowsBadRequest(string applied, string manager)
    {
        var act = () => ServerSideApply.Apply(null, JsonAssertions.Parse(applied), manager, false, DeploymentSchema, T1);

        act.Should().Throw<PatchException>().Which.StatusCode.Should().Be(400);
    }
}
