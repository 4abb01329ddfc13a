using HyperVIsolation.Operator.Manifests;

namespace HyperVIsolation.Operator.Tests.Manifests;

public sealed class CommittedManifestsTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("manifest-drift-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void CommittedCrds_MatchGeneratedFromApiTypes_ByteForByte()
    {
        var problems = ManifestDrift.Find(ManifestRenderer.RenderApi(), RepositoryRoot.Path);

        problems.Should().BeEmpty($"the committed CRDs must match the C# API types. {ManifestDrift.Fix}");
    }

    [Fact]
    public void Find_CommittedFileEdited_ReportsTheFile()
    {
        var manifests = ManifestRenderer.RenderApi();
        WriteTree(manifests);
        var edited = Path.Combine(_scratch, "config", "crd", manifests.Crds[0].FileName);
        File.AppendAllText(edited, "# hand edit\n");

        var problems = ManifestDrift.Find(manifests, _scratch);

        problems.Should().ContainSingle().Which.Should().Contain(edited);
    }

    [Fact]
    public void Find_ChartCrdMissing_ReportsTheFile()
    {
        var manifests = ManifestRenderer.RenderApi();
        WriteTree(manifests);
        var missing = Path.Combine(_scratch, "charts", "hyperv-isolation", "crds", manifests.Crds[^1].FileName);
        File.Delete(missing);

        var problems = ManifestDrift.Find(manifests, _scratch);

        problems.Should().ContainSingle().Which.Should().Contain("missing");
    }

    [Fact]
    public void Find_FreshlyWrittenTree_ReportsNothing()
    {
        var manifests = ManifestRenderer.RenderApi();
        WriteTree(manifests);

        ManifestDrift.Find(manifests, _scratch).Should().BeEmpty();
    }

    [Fact]
    public void RenderApi_CalledTwice_IdenticalText()
    {
        var first = ManifestRenderer.RenderApi();
        var second = ManifestRenderer.RenderApi();

        second.Crds.Select(crd => crd.Content).Should().Equal(first.Crds.Select(crd => crd.Content));
        second.Kustomization.Should().Be(first.Kustomization);
    }

    [Fact]
    public void RenderApi_AllFiles_LfLineEndingsAndTrailingNewline()
    {
        var manifests = ManifestRenderer.RenderApi();

        foreach (var file in manifests.Crds.Append(manifests.Kustomization))
        {
            file.Content.Should().NotContain("\r", file.FileName);
            file.Content.Should().EndWith("\n", file.FileName).And.NotEndWith("\n\n", file.FileName);
        }
    }

    [Fact]
    public void RenderApi_FileNames_GroupAndPlural()
    {
        ManifestRenderer.RenderApi().Crds.Select(crd => crd.FileName).Should().Equal(
            "isolation.hyperv.dev_isolatedworkloads.yaml",
            "isolation.hyperv.dev_isolationpolicies.yaml");
    }

    private void WriteTree(GeneratedManifests manifests)
    {
        var configCrds = Directory.CreateDirectory(Path.Combine(_scratch, "config", "crd")).FullName;
        var chartCrds = Directory.CreateDirectory(Path.Combine(_scratch, "charts", "hyperv-isolation", "crds")).FullName;
        foreach (var crd in manifests.Crds)
        {
            File.WriteAllText(Path.Combine(configCrds, crd.FileName), crd.Content);
            File.WriteAllText(Path.Combine(chartCrds, crd.FileName), crd.Content);
        }

        File.WriteAllText(Path.Combine(configCrds, manifests.Kustomization.FileName), manifests.Kustomization.Content);
    }
}
