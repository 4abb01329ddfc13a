using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Tests.Containerd;

public sealed class ContainerdImportsEditorTests
{
    private const string DropIn = @"C:\Program Files\containerd\hyperv-isolation.toml";

    [Theory]
    [InlineData(ContainerdConfigSamples.Version3)]
    [InlineData(ContainerdConfigSamples.Version2)]
    public void AddImport_ThenRemove_RestoresOriginalText(string original)
    {
        var installed = ContainerdImportsEditor.AddImport(original, DropIn);
        var uninstalled = ContainerdImportsEditor.RemoveImport(installed, DropIn);

        ContainerdConfigParser.Parse(installed).Imports.Should().Equal(DropIn);
        uninstalled.Should().Be(original);
    }

    [Fact]
    public void AddImport_ExistingImports_AppendsAndKeepsOthers()
    {
        const string original = "version = 3\nimports = [\n  'a.toml',\n  \"b.toml\", # theirs\n]\n\n[plugins]\n";

        var installed = ContainerdImportsEditor.AddImport(original, DropIn);

        ContainerdConfigParser.Parse(installed).Imports.Should().Equal("a.toml", "b.toml", DropIn);
        var uninstalled = ContainerdImportsEditor.RemoveImport(installed, DropIn);
        ContainerdConfigParser.Parse(uninstalled).Imports.Should().Equal("a.toml", "b.toml");
        uninstalled.Should().Contain("[plugins]");
    }

    [Fact]
    public void AddImport_AlreadyPresent_ReturnsSameText()
    {
        var installed = ContainerdImportsEditor.AddImport(ContainerdConfigSamples.Version3, DropIn);

        ContainerdImportsEditor.AddImport(installed, DropIn).Should().BeSameAs(installed);
    }

    [Fact]
    public void RemoveImport_NotPresent_ReturnsSameText()
    {
        ContainerdImportsEditor.RemoveImport(ContainerdConfigSamples.Version2, DropIn).Should().BeSameAs(ContainerdConfigSamples.Version2);
    }

    [Fact]
    public void AddImport_CrLfFile_KeepsCrLf()
    {
        const string original = "version = 2\r\n[plugins]\r\n";

        var installed = ContainerdImportsEditor.AddImport(original, DropIn);

        installed.Should().Be($"version = 2\r\nimports = ['{DropIn}']  {ContainerdImportsEditor.AddedLineMarker}\r\n[plugins]\r\n");
    }
}
