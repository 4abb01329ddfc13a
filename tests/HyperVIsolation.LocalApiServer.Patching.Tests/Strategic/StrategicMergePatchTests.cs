using HyperVIsolation.LocalApiServer.Patching.Strategic;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Strategic;

public sealed class StrategicMergePatchTests
{
    private const string Pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"1"},"finalizers":["x"]},
         "spec":{"containers":[
            {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
             "ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"v","mountPath":"/data"}]},
            {"name":"sidecar","image":"side:1"}],
          "tolerations":[{"key":"k1","operator":"Exists"}],
          "volumes":[{"name":"v","emptyDir":{}}]}}
        """;

    public static TheoryData<string, string, string> PodCases => new()
    {
        {
            "containers merge by name",
            """{"spec":{"containers":[{"name":"app","image":"app:2"}]}}""",
            """[{"name":"app","image":"app:2","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"v","mountPath":"/data"}]},{"name":"sidecar","image":"side:1"}]"""
        },
        {
            "new container appended",
            """{"spec":{"containers":[{"name":"extra","image":"e:1"}]}}""",
            """[{"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"v","mountPath":"/data"}]},{"name":"sidecar","image":"side:1"},{"name":"extra","image":"e:1"}]"""
        },
        {
            "env merges by name",
            """{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]}]}}""",
            """[{"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"20"},{"name":"C","value":"3"}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"v","mountPath":"/data"}]},{"name":"sidecar","image":"side:1"}]"""
        },
        {
            "$patch delete removes a container",
            """{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}""",
            """[{"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"v","mountPath":"/data"}]}]"""
        },
        {
            "$patch delete removes an env var",
            """{"spec":{"containers":[{"name":"app","env":[{"name":"A","$patch":"delete"}]}]}}""",
            """[{"name":"app","image":"app:1","env":[{"name":"B","value":"2"}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"v","mountPath":"/data"}]},{"name":"sidecar","image":"side:1"}]"""
        },
        {
            "$patch replace item replaces the list",
            """{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"o:1"}]}}""",
            """[{"name":"only","image":"o:1"}]"""
        },
        {
            "null removes a container field",
            """{"spec":{"containers":[{"name":"app","env":null,"ports":null,"volumeMounts":null}]}}""",
            """[{"name":"app","image":"app:1"},{"name":"sidecar","image":"side:1"}]"""
        },
        {
            "$patch replace on a container replaces it",
            """{"spec":{"containers":[{"name":"app","image":"app:3","$patch":"replace"}]}}""",
            """[{"name":"app","image":"app:3"},{"name":"sidecar","image":"side:1"}]"""
        },
        {
            "$setElementOrder reorders containers",
            """{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],"containers":[{"name":"sidecar","image":"side:2"}]}}""",
            """[{"name":"sidecar","image":"side:2"},{"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"v","mountPath":"/data"}]}]"""
        },
        {
            "ports merge by containerPort",
            """{"spec":{"containers":[{"name":"app","ports":[{"containerPort":443}],"volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}""",
            """[{"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}],"volumeMounts":[{"name":"v","mountPath":"/data","readOnly":true}]},{"name":"sidecar","image":"side:1"}]"""
        },
    };

    [Theory]
    [MemberData(nameof(PodCases))]
    public void Apply_PodContainerPatch_MergesByStrategy(string scenario, string patch, string expectedContainers)
    {
        var result = StrategicMergePatch.Apply(JsonAssertions.ParseObject(Pod), JsonAssertions.Parse(patch));

        result["spec"]!["containers"].ShouldEqualJson(expectedContainers);
        scenario.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("""{"spec":{"tolerations":[{"key":"k2","operator":"Exists"}]}}""", """[{"key":"k2","operator":"Exists"}]""")]
    [InlineData("""{"spec":{"tolerations":[]}}""", "[]")]
    public void Apply_Tolerations_ReplacesWholeList(string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonAssertions.ParseObject(Pod), JsonAssertions.Parse(patch));

        result["spec"]!["tolerations"].ShouldEqualJson(expected);
    }

    [Theory]
    [InlineData("""{"metadata":{"finalizers":["y","x"]}}""", """["x","y"]""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"]}}""", "[]")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["x"],"finalizers":["z"]}}""", """["z"]""")]
    public void Apply_Finalizers_MergeAsSet(string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonAssertions.ParseObject(Pod), JsonAssertions.Parse(patch));

        result["metadata"]!["finalizers"].ShouldEqualJson(expected);
    }

    [Fact]
    public void Apply_NullLabel_RemovesLabelAndKeepsOthers()
    {
        var result = StrategicMergePatch.Apply(
            JsonAssertions.ParseObject(Pod), JsonAssertions.Parse("""{"metadata":{"labels":{"a":null,"b":"2"}}}"""));

        result["metadata"]!["labels"].ShouldEqualJson("""{"b":"2"}""");
        result["metadata"]!["name"].ShouldEqualJson("\"p\"");
    }

    [Fact]
    public void Apply_VolumeWithRetainKeys_DropsOtherSourceFields()
    {
        var patch = """{"spec":{"volumes":[{"name":"v","$retainKeys":["name","configMap"],"configMap":{"name":"cm"}}]}}""";

        var result = StrategicMergePatch.Apply(JsonAssertions.ParseObject(Pod), JsonAssertions.Parse(patch));

        result["spec"]!["volumes"].ShouldEqualJson("""[{"name":"v","configMap":{"name":"cm"}}]""");
    }

    [Fact]
    public void Apply_DeploymentTemplate_MergesContainersByName()
    {
        var deployment = JsonAssertions.ParseObject("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"d"}},
              "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}}}
            """);
        var patch = """{"spec":{"replicas":3,"template":{"metadata":{"annotations":{"restartedAt":"now"}},"spec":{"containers":[{"name":"b","image":"b:2"}]}}}}""";

        var result = StrategicMergePatch.Apply(deployment, JsonAssertions.Parse(patch));

        result["spec"].ShouldEqualJson("""
            {"replicas":3,"selector":{"matchLabels":{"app":"d"}},
             "template":{"metadata":{"labels":{"app":"d"},"annotations":{"restartedAt":"now"}},
              "spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}]}}}
            """);
    }

    [Theory]
    [InlineData("v1", "Service", """{"spec":{"ports":[{"port":443,"protocol":"TCP"}]}}""", "spec.ports", 2)]
    [InlineData("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", """{"webhooks":[{"name":"w2"}]}""", "webhooks", 2)]
    [InlineData("rbac.authorization.k8s.io/v1", "RoleBinding", """{"subjects":[{"kind":"User","name":"u2"}]}""", "subjects", 1)]
    public void Apply_BuiltInLists_FollowKubernetesStrategy(string apiVersion, string kind, string patch, string listPath, int expectedCount)
    {
        var live = JsonAssertions.ParseObject($$"""
            {"apiVersion":"{{apiVersion}}","kind":"{{kind}}","metadata":{"name":"x"},
             "spec":{"ports":[{"port":80,"protocol":"TCP"}]},"webhooks":[{"name":"w1"}],"subjects":[{"kind":"User","name":"u1"}]}
            """);

        var result = StrategicMergePatch.Apply(live, JsonAssertions.Parse(patch));

        var list = listPath.Split('.').Aggregate((System.Text.Json.Nodes.JsonNode?)result, (node, name) => node?[name]);
        list!.AsArray().Count.Should().Be(expectedCount);
    }

    [Fact]
    public void Apply_CustomResource_ThrowsUnsupportedMediaType()
    {
        var live = JsonAssertions.ParseObject("""{"apiVersion":"hyperv.example.com/v1alpha1","kind":"IsolatedWorkload","metadata":{"name":"w"}}""");

        var act = () => StrategicMergePatch.Apply(live, JsonAssertions.Parse("""{"spec":{}}"""));

        var error = act.Should().Throw<PatchException>().Which;
        error.Reason.Should().Be(StatusReasons.UnsupportedMediaType);
        error.StatusCode.Should().Be(415);
        error.Message.Should().Be(StrategicMergePatch.UnsupportedForCustomResources);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"$patch":"explode"}""")]
    [InlineData("""{"$patch":"delete"}""")]
    [InlineData("""{"spec":{"containers":[{"image":"no-name"}]}}""")]
    [InlineData("""{"spec":{"containers":["not-an-object"]}}""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"x"}}""")]
    [InlineData("""{"spec":{"$setElementOrder/containers":5}}""")]
    [InlineData("""{"spec":{"volumes":[{"name":"v","$retainKeys":[1]}]}}""")]
    public void Apply_MalformedPatch_ThrowsBadRequest(string patch)
    {
        var act = () => StrategicMergePatch.Apply(JsonAssertions.ParseObject(Pod), JsonAssertions.Parse(patch));

        act.Should().Throw<PatchException>().Which.StatusCode.Should().Be(400);
    }

    [Fact]
    public void Apply_PatchOutsideRetainKeys_ThrowsInvalid()
    {
        var patch = """{"spec":{"volumes":[{"name":"v","$retainKeys":["name"],"hostPath":{"path":"/x"}}]}}""";

        var act = () => StrategicMergePatch.Apply(JsonAssertions.ParseObject(Pod), JsonAssertions.Parse(patch));

        act.Should().Throw<PatchException>().Which.Reason.Should().Be(StatusReasons.Invalid);
    }

    [Fact]
    public void Apply_AnyPatch_DoesNotModifyLiveObject()
    {
        var live = JsonAssertions.ParseObject(Pod);

        _ = StrategicMergePatch.Apply(live, JsonAssertions.Parse("""{"spec":{"containers":[{"name":"app","image":"x"}]}}"""));

        live.ShouldEqualJson(Pod);
    }
}
