using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Manifests;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>The CRDs of the real API types say what the C# types say.</summary>
public sealed class ApiCrdSchemaTests
{
    private static readonly V1CustomResourceDefinition Workload = new CustomResourceDefinitionGenerator().Generate(typeof(IsolatedWorkload));
    private static readonly V1CustomResourceDefinition Policy = new CustomResourceDefinitionGenerator().Generate(typeof(IsolationPolicy));

    public static TheoryData<string> Kinds => [IsolatedWorkload.KindName, IsolationPolicy.KindName];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_EveryProperty_HasTypeAndDescription(string kind)
    {
        var properties = SchemaNode.Walk(SchemaOf(kind)).Where(node => node.IsProperty).ToList();

        properties.Should().NotBeEmpty();
        properties.Where(node => node.Schema.Type is null && node.Schema.XKubernetesIntOrString != true)
            .Select(node => node.Path).Should().BeEmpty("every property needs a type");
        properties.Where(node => node.Path != ".metadata" && string.IsNullOrWhiteSpace(node.Schema.Description))
            .Select(node => node.Path).Should().BeEmpty("every property needs a description");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_EveryNode_IsStructural(string kind)
    {
        var nodes = SchemaNode.Walk(SchemaOf(kind)).ToList();

        nodes.Where(node => node.Schema.Type is null && node.Schema.XKubernetesIntOrString != true)
            .Select(node => node.Path).Should().BeEmpty("a structural schema has a type on every node");
        nodes.Where(node => node.Schema.AnyOf is not null && node.Schema.XKubernetesIntOrString != true)
            .Select(node => node.Path).Should().BeEmpty("anyOf is only allowed for int-or-string");
        nodes.Where(node => node.Schema.Properties is { Count: > 0 } && node.Schema.Type != "object")
            .Select(node => node.Path).Should().BeEmpty();
        nodes.Where(node => node.Schema.Items is not null && node.Schema.Type != "array")
            .Select(node => node.Path).Should().BeEmpty();
        nodes.Where(node => node.Schema.Required?.Except(node.Schema.Properties?.Keys ?? []).Any() == true)
            .Select(node => node.Path).Should().BeEmpty("required names must be properties");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_Root_MetadataIsBareObjectAndNamesAreCamelCase(string kind)
    {
        var root = SchemaOf(kind);

        root.Properties.Keys.Should().Equal("apiVersion", "kind", "metadata", "spec", "status");
        root.Properties["metadata"].Should().BeEquivalentTo(new V1JSONSchemaProps { Type = "object" });
        SchemaNode.Walk(root).Where(node => node.IsProperty)
            .Select(node => node.Path.Split('.')[^1].TrimEnd('[', ']', '{', '}'))
            .Should().OnlyContain(name => char.IsLower(name[0]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_Version_ServedStoredWithStatusSubresourceAndPartOfLabel(string kind)
    {
        var crd = kind == IsolatedWorkload.KindName ? Workload : Policy;

        crd.Metadata.Labels.Should().Contain("app.kubernetes.io/part-of", "hyperv-isolation");
        crd.Spec.Versions.Should().ContainSingle();
        var version = crd.Spec.Versions[0];
        version.Name.Should().Be("v1alpha1");
        version.Served.Should().BeTrue();
        version.Storage.Should().BeTrue();
        version.Subresources.Status.Should().NotBeNull();
    }

    [Fact]
    public void Generate_IsolatedWorkload_NamesScaleAndPrinterColumns()
    {
        Workload.Metadata.Name.Should().Be("isolatedworkloads.isolation.hyperv.dev");
        Workload.Spec.Scope.Should().Be("Namespaced");
        Workload.Spec.Names.Should().BeEquivalentTo(new V1CustomResourceDefinitionNames
        {
            Kind = "IsolatedWorkload",
            ListKind = "IsolatedWorkloadList",
            Plural = "isolatedworkloads",
            Singular = "isolatedworkload",
            ShortNames = ["iw"],
            Categories = ["all", "isolation"],
        });
        var version = Workload.Spec.Versions[0];
        version.Subresources.Scale.Should().BeEquivalentTo(new V1CustomResourceSubresourceScale
        {
            SpecReplicasPath = ".spec.replicas",
            StatusReplicasPath = ".status.replicas",
            LabelSelectorPath = ".status.selector",
        });
        version.AdditionalPrinterColumns.Select(column => column.Name)
            .Should().Equal("Desired", "Ready", "OS", "Version", "VM", "RuntimeClass", "Age");
        version.AdditionalPrinterColumns.Single(column => column.Name == "RuntimeClass").Priority.Should().Be(1);
        version.AdditionalPrinterColumns.Single(column => column.Name == "Age").Type.Should().Be("date");
    }

    [Fact]
    public void Generate_IsolationPolicy_ClusterScopedWithoutScale()
    {
        Policy.Spec.Scope.Should().Be("Cluster");
        Policy.Spec.Names.ShortNames.Should().Equal("ipol");
        Policy.Spec.Names.Categories.Should().Equal("isolation");
        Policy.Spec.Versions[0].Subresources.Scale.Should().BeNull();
        Policy.Spec.Versions[0].AdditionalPrinterColumns.Select(column => column.JsonPath)
            .Should().Equal(".spec.mode", ".status.coveredNamespaces", ".status.conditions[?(@.type==\"Ready\")].status", ".status.auditViolations", ".metadata.creationTimestamp");
        Policy.Spec.Versions[0].AdditionalPrinterColumns.Single(column => column.Name == "Violations").Priority.Should().Be(1, "the count shows with -o wide only");
    }

    [Theory]
    [InlineData("IsolatedWorkload", "spec.isolation", new[] { "HyperV", "Process" })]
    [InlineData("IsolatedWorkload", "spec.os.flavor", new[] { "Auto", "NanoServer", "ServerCore", "Server" })]
    [InlineData("IsolatedWorkload", "spec.os.version", new[] { "Auto", "ltsc2019", "ltsc2022", "ltsc2025" })]
    [InlineData("IsolatedWorkload", "spec.os.capabilities[]", new[] { "DotNetFramework", "PowerShell", "WoW64", "IIS", "MSI", "WMI" })]
    [InlineData("IsolatedWorkload", "spec.strategy.type", new[] { "RollingUpdate", "Recreate" })]
    [InlineData("IsolatedWorkload", "spec.template.containers[].ports[].protocol", new[] { "TCP", "UDP" })]
    [InlineData("IsolatedWorkload", "status.conditions[].status", new[] { "True", "False", "Unknown" })]
    [InlineData("IsolationPolicy", "spec.mode", new[] { "Enforce", "Audit" })]
    public void Generate_EnumProperty_StringWithJsonNames(string kind, string path, string[] values)
    {
        var schema = SchemaNode.At(SchemaOf(kind), path);

        schema.Type.Should().Be("string");
        schema.EnumProperty.Should().Equal(values);
    }

    [Theory]
    [InlineData("IsolatedWorkload", "spec.replicas", 1)]
    [InlineData("IsolatedWorkload", "spec.isolation", "HyperV")]
    [InlineData("IsolatedWorkload", "spec.os.version", "Auto")]
    [InlineData("IsolatedWorkload", "spec.strategy.rollingUpdate.maxSurge", "25%")]
    [InlineData("IsolatedWorkload", "spec.template.containers[].ports[].protocol", "TCP")]
    [InlineData("IsolationPolicy", "spec.mode", "Enforce")]
    [InlineData("IsolationPolicy", "spec.requireImageDigest", false)]
    [InlineData("IsolationPolicy", "spec.windowsOnly", true)]
    [InlineData("IsolationPolicy", "spec.blockInstanceMetadata", true)]
    [InlineData("IsolationPolicy", "spec.denyCrossNamespaceTraffic", false)]
    public void Generate_DefaultValue_BecomesDefault(string kind, string path, object expected)
    {
        SchemaNode.At(SchemaOf(kind), path).DefaultProperty.Should().Be(expected);
    }

    [Theory]
    [InlineData("IsolatedWorkload", "spec", new[] { "template" })]
    [InlineData("IsolatedWorkload", "spec.template", new[] { "containers" })]
    [InlineData("IsolatedWorkload", "spec.template.containers[]", new[] { "name" })]
    [InlineData("IsolatedWorkload", "spec.template.containers[].ports[]", new[] { "containerPort" })]
    [InlineData("IsolatedWorkload", "status.conditions[]", new[] { "lastTransitionTime", "message", "reason", "status", "type" })]
    public void Generate_RequiredAttribute_ListedOnParent(string kind, string path, string[] required)
    {
        SchemaNode.At(SchemaOf(kind), path).Required.Should().BeEquivalentTo(required);
    }

    [Fact]
    public void Generate_NonNullableValueTypeWithoutRequired_NotRequired()
    {
        SchemaOf(IsolationPolicy.KindName).Properties["spec"].Required.Should().BeNull();
        SchemaNode.At(SchemaOf(IsolatedWorkload.KindName), "spec").Required.Should().NotContain("replicas");
    }

    [Fact]
    public void Generate_RangeAndLengths_BecomeBounds()
    {
        var root = SchemaOf(IsolatedWorkload.KindName);

        SchemaNode.At(root, "spec.replicas").Should().BeEquivalentTo(new { Minimum = 0d, Maximum = 1000d, Format = "int32" }, o => o.ExcludingMissingMembers());
        SchemaNode.At(root, "spec.vm.memoryMiB").Should().BeEquivalentTo(new { Minimum = 256d, Maximum = 1048576d, Format = "int64" }, o => o.ExcludingMissingMembers());
        SchemaNode.At(root, "spec.template.containers").Should().BeEquivalentTo(new { MinItems = 1L, MaxItems = 32L }, o => o.ExcludingMissingMembers());
        SchemaNode.At(root, "spec.template.containers[].name").Should().BeEquivalentTo(
            new { MaxLength = 63L, Pattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" }, o => o.ExcludingMissingMembers());
        SchemaNode.At(root, "spec.template.containers[].images").MinProperties.Should().Be(1);
        SchemaNode.At(root, "spec.template.containers[].env[].name").MinLength.Should().Be(1);
    }

    [Theory]
    [InlineData("spec.os", 2)]
    [InlineData("spec.strategy", 1)]
    [InlineData("spec.strategy.rollingUpdate.maxUnavailable", 1)]
    [InlineData("spec.template.annotations", 1)]
    [InlineData("spec.template.containers[]", 1)]
    [InlineData("spec.template.containers[].images", 1)]
    public void Generate_CelRule_BecomesValidation(string path, int count)
    {
        var rules = SchemaNode.At(SchemaOf(IsolatedWorkload.KindName), path).XKubernetesValidations;

        rules.Should().HaveCount(count);
        rules.Should().OnlyContain(rule => !string.IsNullOrEmpty(rule.Rule) && !string.IsNullOrEmpty(rule.Message));
    }

    [Fact]
    public void Generate_CelRuleWithFieldPath_KeepsFieldPath()
    {
        SchemaNode.At(SchemaOf(IsolationPolicy.KindName), "spec.vm").XKubernetesValidations
            .Select(rule => rule.FieldPath).Should().Equal(".defaultMemoryMiB", ".defaultProcessorCount");
    }

    [Theory]
    [InlineData("IsolatedWorkload", "spec.template.containers", new[] { "name" })]
    [InlineData("IsolatedWorkload", "spec.template.containers[].env", new[] { "name" })]
    [InlineData("IsolatedWorkload", "spec.template.containers[].ports", new[] { "containerPort", "protocol" })]
    [InlineData("IsolatedWorkload", "status.conditions", new[] { "type" })]
    [InlineData("IsolationPolicy", "status.conditions", new[] { "type" })]
    public void Generate_ListMap_MapTypeWithKeys(string kind, string path, string[] keys)
    {
        var list = SchemaNode.At(SchemaOf(kind), path);

        list.XKubernetesListType.Should().Be("map");
        list.XKubernetesListMapKeys.Should().Equal(keys);
    }

    [Theory]
    [InlineData("spec.template.containers[].resources.requests{}", true)]
    [InlineData("spec.strategy.rollingUpdate.maxSurge", false)]
    public void Generate_QuantityAndIntOrString_IntOrStringSchema(string path, bool isQuantity)
    {
        var schema = SchemaNode.At(SchemaOf(IsolatedWorkload.KindName), path);

        schema.XKubernetesIntOrString.Should().BeTrue();
        schema.AnyOf.Select(option => option.Type).Should().Equal("integer", "string");
        (schema.Pattern is not null).Should().Be(isQuantity);
    }

    [Fact]
    public void Generate_DateTime_StringDateTime()
    {
        SchemaNode.At(SchemaOf(IsolatedWorkload.KindName), "status.conditions[].lastTransitionTime")
            .Should().BeEquivalentTo(new { Type = "string", Format = "date-time" }, o => o.ExcludingMissingMembers());
    }

    [Fact]
    public void Generate_CoveredNamespaceNames_BoundedList()
    {
        SchemaNode.At(SchemaOf(IsolationPolicy.KindName), "status.coveredNamespaceNames").MaxItems.Should().Be(IsolationPolicyStatus.MaxListedNamespaces);
    }

    [Fact]
    public void Generate_LabelSelector_UsesKubernetesJsonNames()
    {
        var selector = SchemaNode.At(SchemaOf(IsolationPolicy.KindName), "spec.namespaceSelector");

        selector.Properties.Keys.Should().Equal("matchExpressions", "matchLabels");
        selector.Properties["matchExpressions"].Items.As<V1JSONSchemaProps>().Properties.Keys
            .Should().Equal("key", "operator", "values");
    }

    private static V1JSONSchemaProps SchemaOf(string kind) =>
        (kind == IsolatedWorkload.KindName ? Workload : Policy).Spec.Versions[0].Schema.OpenAPIV3Schema;
}
