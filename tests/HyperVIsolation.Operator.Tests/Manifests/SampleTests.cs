using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Manifests;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>Every sample reads into our types with unknown fields rejected, so a typo fails here.</summary>
public sealed class SampleTests
{
    private static readonly Dictionary<string, Type> TypeMap = new()
    {
        [$"{ApiGroup.ApiVersion}/{IsolatedWorkload.KindName}"] = typeof(IsolatedWorkload),
        [$"{ApiGroup.ApiVersion}/{IsolationPolicy.KindName}"] = typeof(IsolationPolicy),
        ["v1/Namespace"] = typeof(V1Namespace),
    };

    private static readonly Dictionary<string, V1JSONSchemaProps> Schemas = new()
    {
        [IsolatedWorkload.KindName] = SchemaOf(typeof(IsolatedWorkload)),
        [IsolationPolicy.KindName] = SchemaOf(typeof(IsolationPolicy)),
    };

    private static string SamplesDirectory => Path.Combine(RepositoryRoot.Path, "config", "samples");

    public static TheoryData<string> Samples => [.. SampleFileNames()];

    [Theory]
    [MemberData(nameof(Samples))]
    public void LoadAllFromString_Sample_StrictlyDeserializesIntoOurTypes(string fileName)
    {
        var objects = Load(File.ReadAllText(Path.Combine(SamplesDirectory, fileName)));

        objects.Should().NotBeEmpty().And.AllSatisfy(o => TypeMap.Values.Should().Contain(o.GetType()));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_ConformsToGeneratedCrdSchema(string fileName)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(SamplesDirectory, fileName))));

        foreach (var document in stream.Documents.Select(d => (YamlMappingNode)d.RootNode))
        {
            var kind = ((YamlScalarNode)document["kind"]).Value!;
            if (!Schemas.TryGetValue(kind, out var schema))
            {
                continue;
            }

            SchemaConformance.Check(document, schema).Should().BeEmpty($"{fileName} must be valid for the {kind} CRD");
        }
    }

    [Fact]
    public void Check_WrongEnumCaseAndUnknownField_Reported()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(SamplesDirectory, "nanoserver-web.yaml"))
            .Replace("version: ltsc2022", "version: LTSC2022", StringComparison.Ordinal)
            .Replace("replicas: 2", "replicas: 2\n  extra: 1", StringComparison.Ordinal)));

        var problems = SchemaConformance.Check(stream.Documents[0].RootNode, Schemas[IsolatedWorkload.KindName]);

        problems.Should().BeEquivalentTo(".spec.os.version: 'LTSC2022' is not one of Auto, ltsc2019, ltsc2022, ltsc2025", ".spec.extra: unknown field");
    }

    [Fact]
    public void Kustomization_ListsEverySample()
    {
        var kustomization = File.ReadAllText(Path.Combine(SamplesDirectory, "kustomization.yaml"));

        SampleFileNames().Should().OnlyContain(sample => kustomization.Contains(sample, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadAllFromString_SampleWithTypo_Throws()
    {
        var sample = File.ReadAllText(Path.Combine(SamplesDirectory, "nanoserver-web.yaml"))
            .Replace("replicas:", "replica:", StringComparison.Ordinal);

        var load = () => Load(sample);

        load.Should().Throw<YamlDotNet.Core.YamlException>().WithMessage("*'replica'*");
    }

    [Fact]
    public void NanoServerWeb_NanoServerOnLtsc2022()
    {
        var workload = LoadSingle<IsolatedWorkload>("nanoserver-web.yaml");

        workload.Spec.Os!.Flavor.Should().Be(OsFlavor.NanoServer);
        workload.Spec.Os.Version.Should().Be(WindowsVersion.Ltsc2022);
        workload.Spec.Template.Containers.Should().ContainSingle().Which.Image.Should().Contain("nanoserver");
    }

    [Fact]
    public void DotNetFrameworkApp_NeedsCapabilitiesThatRuleOutNanoServer()
    {
        var workload = LoadSingle<IsolatedWorkload>("dotnet-framework-app.yaml");

        workload.Spec.Os!.Capabilities.Should().Equal(OsCapability.DotNetFramework, OsCapability.IIS);
        workload.Spec.Os.Flavor.Should().NotBe(OsFlavor.NanoServer);
    }

    [Fact]
    public void PerVersionImages_ImageForEveryRelease()
    {
        var workload = LoadSingle<IsolatedWorkload>("per-version-images.yaml");

        var container = workload.Spec.Template.Containers.Should().ContainSingle().Subject;
        container.Image.Should().BeNull();
        container.Images.Should().ContainKeys("ltsc2019", "ltsc2022", "ltsc2025");
    }

    [Fact]
    public void UntrustedTenantPolicy_SelectsTheTenantNamespace()
    {
        var policy = LoadSingle<IsolationPolicy>("untrusted-tenant-policy.yaml");
        var tenant = LoadSingle<V1Namespace>("untrusted-tenant-namespace.yaml");

        policy.Spec.Mode.Should().Be(PolicyMode.Enforce);
        policy.Spec.RequireImageDigest.Should().BeFalse();
        policy.Spec.AllowedRegistries.Should().NotBeEmpty();
        policy.Spec.Vm!.MaxMemoryMiB.Should().BePositive();
        policy.Spec.NamespaceSelector!.MatchLabels.Should().Contain("isolation.hyperv.dev/tenant", "untrusted");
        tenant.Metadata.Labels.Should().Contain(policy.Spec.NamespaceSelector.MatchLabels);
    }

    private static IEnumerable<string> SampleFileNames() =>
        Directory.GetFiles(SamplesDirectory, "*.yaml").Select(path => Path.GetFileName(path)).Where(name => name != "kustomization.yaml");

    private static V1JSONSchemaProps SchemaOf(Type rootType) =>
        new CustomResourceDefinitionGenerator().Generate(rootType).Spec.Versions[0].Schema.OpenAPIV3Schema;

    private static List<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, TypeMap, strict: true);

    private static T LoadSingle<T>(string fileName) =>
        Load(File.ReadAllText(Path.Combine(SamplesDirectory, fileName))).Should().ContainSingle().Which.Should().BeOfType<T>().Subject;
}
