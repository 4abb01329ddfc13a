using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.NodeAgent.Tests.Containerd;

public sealed class ContainerdConfigLoaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("containerd-config-").FullName;

    [Fact]
    public async Task LoadAsync_WithDropInImport_DropInHandlersOverrideMainFile()
    {
        var main = Path.Combine(directory, "config.toml");
        var dropIn = HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 3, Builds = [WindowsBuild.Ltsc2022] });
        await File.WriteAllTextAsync(Path.Combine(directory, HyperVHandlerDropIn.FileName), dropIn);
        await File.WriteAllTextAsync(main, ContainerdImportsEditor.AddImport(ContainerdConfigSamples.Version3, HyperVHandlerDropIn.FileName));

        var config = await ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);

        config.RuntimeHandlers.Keys.Should().Contain(["runhcs-wcow-process", "runhcs-wcow-hypervisor", "runhcs-wcow-hypervisor-20348"]);
        var hypervisor = config.RuntimeHandlers["runhcs-wcow-hypervisor"];
        hypervisor.PodAnnotations.Should().Contain("io.microsoft.disable-unsafe-operations");
        hypervisor.Options!.VmMemorySizeInMb.Should().Be(2048, "keys the drop-in does not set keep the main file's value");
    }

    [Fact]
    public async Task LoadAsync_GlobImportAndMissingFile_MergesMatchesAndSkipsMissing()
    {
        var main = Path.Combine(directory, "config.toml");
        Directory.CreateDirectory(Path.Combine(directory, "conf.d"));
        await File.WriteAllTextAsync(
            Path.Combine(directory, "conf.d", "x.toml"),
            "version = 3\n[plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.extra]\nruntime_type = 'io.containerd.runhcs.v1'\n");
        await File.WriteAllTextAsync(main, "version = 3\nimports = ['conf.d/*.toml', 'missing.toml']\n");

        var config = await ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);

        config.RuntimeHandlers.Keys.Should().Equal("extra");
    }

    [Fact]
    public async Task LoadAsync_MalformedImport_ThrowsNamingTheFile()
    {
        var main = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(Path.Combine(directory, "bad.toml"), "version = = 3");
        await File.WriteAllTextAsync(main, "version = 3\nimports = ['bad.toml']\n");

        var act = () => ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);

        await act.Should().ThrowAsync<ContainerdConfigException>().WithMessage("*bad.toml is not valid TOML*");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
