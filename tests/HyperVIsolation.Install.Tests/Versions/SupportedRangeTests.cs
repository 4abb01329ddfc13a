using HyperVIsolation.Api;
using HyperVIsolation.Install.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Versions;

/// <summary>
/// The supported Kubernetes range is stated once (<see cref="SupportedKubernetes"/>) and repeated where
/// users read it: Chart.yaml <c>kubeVersion</c>, the CRDs' annotation in config/ and the chart, the README.
/// </summary>
public sealed class SupportedRangeTests
{
    public static TheoryData<string> CrdDirectories => ["config/crd", "charts/hyperv-isolation/crds"];

    [Fact]
    public void Constraint_ChartKubeVersion_Same()
    {
        var chart = YamlDocuments.Parse(File.ReadAllText(RepositoryRoot.Combine("charts/hyperv-isolation/Chart.yaml")))[0];

        YamlDocuments.At(chart, "kubeVersion").Should().Be(SupportedKubernetes.Constraint);
        ChartKubeVersion.MinimumMinor.Should().Be(SupportedKubernetes.MinimumMinor);
    }

    [Theory]
    [MemberData(nameof(CrdDirectories))]
    public void Constraint_CommittedCrdAnnotation_Same(string directory)
    {
        var crds = YamlDocuments.ReadFiles(directory);

        crds.Should().HaveCount(2);
        crds.Select(Annotation)
            .Should().AllBe(SupportedKubernetes.Constraint, $"every CRD in {directory} states the supported range");
    }

    [Fact]
    public void Constraint_ReadmeSupportedVersions_Same()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

        readme.Should().Contain($"**Kubernetes 1.{SupportedKubernetes.MinimumMinor} or newer**")
            .And.Contain($"`kubeVersion: \"{SupportedKubernetes.Constraint}\"`")
            .And.Contain($"`{SupportedKubernetes.Annotation}: \"{SupportedKubernetes.Constraint}\"`");
    }

    [Fact]
    public void Constraint_MinimumMinor_ParsesBackToIt()
    {
        ChartKubeVersion.Parse(SupportedKubernetes.Constraint).Should().Be(SupportedKubernetes.MinimumMinor);
    }

    // The key holds dots, so it is looked up in the annotations mapping rather than by a dotted path.
    private static string? Annotation(YamlMappingNode crd) =>
        ((YamlMappingNode)crd["metadata"]).Children.TryGetValue("annotations", out var annotations)
        && ((YamlMappingNode)annotations).Children.TryGetValue(SupportedKubernetes.Annotation, out var value)
            ? value.ToString()
            : null;
}
