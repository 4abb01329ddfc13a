using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Tests.Schema;

public sealed class ApplySchemaTests
{
    [Theory]
    [InlineData("v1", "Pod", true)]
    [InlineData("apps/v1", "DaemonSet", true)]
    [InlineData("coordination.k8s.io/v1", "Lease", true)]
    [InlineData("node.k8s.io/v1", "RuntimeClass", true)]
    [InlineData("hyperv.example.com/v1alpha1", "IsolatedWorkload", false)]
    [InlineData("example.com/v1", "Pod", false)]
    public void ForBuiltIn_ApiGroup_KnowsBuiltInKinds(string apiVersion, string kind, bool builtIn)
    {
        (ApplySchema.ForBuiltIn(apiVersion, kind) is not null).Should().Be(builtIn);
    }

    [Theory]
    [InlineData("spec.template.spec.containers", FieldStrategy.ListMap, "name")]
    [InlineData("spec.template.spec.containers[].env", FieldStrategy.ListMap, "name")]
    [InlineData("spec.template.spec.containers[].ports", FieldStrategy.ListMap, "containerPort,protocol")]
    [InlineData("spec.template.spec.containers[].volumeMounts", FieldStrategy.ListMap, "mountPath")]
    [InlineData("spec.template.spec.volumes", FieldStrategy.ListMap, "name")]
    [InlineData("spec.template.spec.tolerations", FieldStrategy.Granular, "")]
    [InlineData("spec.selector", FieldStrategy.Atomic, "")]
    [InlineData("metadata.finalizers", FieldStrategy.Set, "")]
    [InlineData("metadata.ownerReferences", FieldStrategy.ListMap, "uid")]
    [InlineData("status.conditions", FieldStrategy.ListMap, "type")]
    public void ForBuiltIn_Deployment_HasKubernetesStrategies(string path, FieldStrategy strategy, string keys)
    {
        var node = Resolve(ApplySchema.ForBuiltIn("apps/v1", "Deployment")!, path);

        node.Strategy.Should().Be(strategy);
        string.Join(",", node.Keys.Select(k => k.Name)).Should().Be(keys);
    }

    [Fact]
    public void FromOpenApiSchema_ListTypeExtensions_AreRead()
    {
        var schema = ApplySchema.FromOpenApiSchema(JsonAssertions.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["port","protocol"],
                       "items":{"type":"object","properties":{"port":{"type":"integer"},"protocol":{"type":"string","default":"TCP"}}}},
              "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
              "args":{"type":"array","items":{"type":"string"}},
              "selector":{"type":"object","x-kubernetes-map-type":"atomic"},
              "extra":{"type":"object","additionalProperties":{"type":"array","x-kubernetes-list-type":"set"}}}}}}
            """));

        Resolve(schema, "spec.ports").Keys.Should().Equal(new ListMapKey("port"), Resolve(schema, "spec.ports").Keys[1]);
        Resolve(schema, "spec.ports").Keys[1].Default.ShouldEqualJson("\"TCP\"");
        Resolve(schema, "spec.tags").Strategy.Should().Be(FieldStrategy.Set);
        Resolve(schema, "spec.args").Strategy.Should().Be(FieldStrategy.Atomic);
        Resolve(schema, "spec.selector").Strategy.Should().Be(FieldStrategy.Atomic);
        Resolve(schema, "spec.extra.anything").Strategy.Should().Be(FieldStrategy.Set);
        Resolve(schema, "metadata.finalizers").Strategy.Should().Be(FieldStrategy.Set);
    }

    private static SchemaNode Resolve(ApplySchema schema, string path) =>
        path.Split('.').Aggregate(schema.Root, (node, segment) => segment.EndsWith("[]", StringComparison.Ordinal)
            ? node.Field(segment[..^2]).Items
            : node.Field(segment));
}
