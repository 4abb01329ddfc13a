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
    public async Task LoadAsync_GlobImport_MergesMatchesInNameOrder()
    {
        var main = Path.Combine(directory, "config.toml");
        Directory.CreateDirectory(Path.Combine(directory, "conf.d"));
        await File.WriteAllTextAsync(Path.Combine(directory, "conf.d", "b.toml"), Handler(3, "extra", "io.containerd.runhcs.v1"));
        await File.WriteAllTextAsync(Path.Combine(directory, "conf.d", "a.toml"), Handler(3, "extra", "first"));
        await File.WriteAllTextAsync(main, "version = 3\nimports = ['conf.d/*.toml', 'conf.d/none-*.toml']\n");

        var config = await ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);

        config.RuntimeHandlers.Keys.Should().Equal("extra");
        config.RuntimeHandlers["extra"].RuntimeType.Should().Be("io.containerd.runhcs.v1", "b.toml is applied after a.toml");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task LoadAsync_MissingImport_ThrowsBecauseContainerdWouldNotStart(int version)
    {
        var main = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(main, $"version = {version}\nimports = ['missing.toml']\n");

        var act = () => ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);

        await act.Should().ThrowAsync<ContainerdConfigException>().WithMessage("*missing.toml*does not exist*refuses to start*");
    }

    [Fact]
    public async Task LoadAsync_Version2DropInWithOnlyAHandler_ReplacesTheWholeCriTable()
    {
        var main = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(Path.Combine(directory, "drop.toml"), Handler(2, "runhcs-wcow-hypervisor", "io.containerd.runhcs.v1"));
        await File.WriteAllTextAsync(main, "imports = ['drop.toml']\n" + ContainerdConfigSamples.Version2);

        var config = await ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);
        var merged = await ContainerdConfigLoader.LoadMergedAsync(main, excluding: null, CancellationToken.None);

        config.RuntimeHandlers.Keys.Should().Equal(["runhcs-wcow-hypervisor"], "containerd 1.x replaces plugins.<id> with the imported table");
        merged.PluginTable("io.containerd.grpc.v1.cri")!.ContainsKey("sandbox_image").Should().BeFalse();
    }

    [Fact]
    public async Task LoadAsync_Version3DropInWithOnlyAHandler_KeepsTheMainFileHandlers()
    {
        var main = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(Path.Combine(directory, "drop.toml"), Handler(3, "extra", "io.containerd.runhcs.v1"));
        await File.WriteAllTextAsync(main, "imports = ['drop.toml']\n" + ContainerdConfigSamples.Version3);

        var config = await ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);

        config.RuntimeHandlers.Keys.Should().Contain(["runhcs-wcow-process", "runhcs-wcow-hypervisor", "extra"]);
    }

    [Fact]
    public async Task LoadAsync_NestedImports_FollowedRelativeToTheImportingFileAndCyclesReadOnce()
    {
        var main = Path.Combine(directory, "config.toml");
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        await File.WriteAllTextAsync(Path.Combine(directory, "sub", "one.toml"), "version = 3\nimports = ['two.toml', '../config.toml']\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "sub", "two.toml"), Handler(3, "nested", "io.containerd.runhcs.v1"));
        await File.WriteAllTextAsync(main, "version = 3\nimports = ['sub/one.toml']\n");

        var merged = await ContainerdConfigLoader.LoadMergedAsync(main, excluding: null, CancellationToken.None);

        merged.ToConfig().RuntimeHandlers.Keys.Should().Equal("nested");
        merged.Files.Select(Path.GetFileName).Should().Equal("config.toml", "one.toml", "two.toml");
    }

    [Fact]
    public async Task LoadMergedAsync_Excluding_ReadsTheNodeWithoutThatDropIn()
    {
        var main = Path.Combine(directory, "config.toml");
        var dropIn = Path.Combine(directory, "drop.toml");
        await File.WriteAllTextAsync(dropIn, Handler(2, "runhcs-wcow-hypervisor", "io.containerd.runhcs.v1"));
        await File.WriteAllTextAsync(main, "imports = ['drop.toml']\n" + ContainerdConfigSamples.Version2);

        var merged = await ContainerdConfigLoader.LoadMergedAsync(main, dropIn, CancellationToken.None);

        merged.ToConfig().RuntimeHandlers.Keys.Should().Contain("runhcs-wcow-process");
        merged.Files.Should().ContainSingle();
    }

    [Fact]
    public async Task LoadAsync_Version2DropInUnderVersion3Root_MigratesItsHandlers()
    {
        var main = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(Path.Combine(directory, "drop.toml"), Handler(2, "old-style", "io.containerd.runhcs.v1"));
        await File.WriteAllTextAsync(main, "imports = ['drop.toml']\n" + ContainerdConfigSamples.Version3);

        var config = await ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);

        config.RuntimeHandlers.Keys.Should().Contain(["runhcs-wcow-process", "old-style"]);
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

    private static string Handler(int version, string name, string runtimeType) =>
        $"version = {version}\n[plugins.'{ContainerdConfigVersions.CriRuntimePluginId(version)}'.containerd.runtimes.{name}]\nruntime_type = '{runtimeType}'\n";
}
