using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Readiness;
using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Tests.Containerd.RealContainerd;

// Checks the merged configuration the agent produces for containerd 1.x (config version 2) with the real binary,
// instead of trusting our own model of the merge; and checks that model against it.
public sealed class ContainerdConfigDumpTests : IDisposable
{
    private const string CriPlugin = "io.containerd.grpc.v1.cri";
    private const string SandboxImage = "mcr.microsoft.com/oss/kubernetes/pause:3.9";
    private const string CniConfDir = @"C:\Program Files\containerd\cni\conf";
    private const string CniBinDir = @"C:\Program Files\containerd\cni\bin";

    private const string NodeConfig = """
        version = 2
        root = 'C:\ProgramData\containerd\root'

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = 'mcr.microsoft.com/oss/kubernetes/pause:3.9'
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = 'C:\Program Files\containerd\cni\bin'
            conf_dir = 'C:\Program Files\containerd\cni\conf'
          [plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
            endpoint = ['https://mirror.example.internal']
          [plugins."io.containerd.grpc.v1.cri".containerd]
            default_runtime_name = 'runhcs-wcow-process'
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runhcs-wcow-process]
              runtime_type = 'io.containerd.runhcs.v1'
              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runhcs-wcow-process.options]
                SandboxIsolation = 0
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("containerd-dump-").FullName;

    private string MainPath => Path.Combine(directory, "config.toml");

    private string DropInPath => Path.Combine(directory, HyperVHandlerDropIn.FileName);

    [ContainerdFact]
    public async Task Dump_AgentDropIn_KeepsNodeSettingsAndAddsOurHandlers()
    {
        await File.WriteAllTextAsync(MainPath, NodeConfig);
        await ApplyAgentPlanAsync();

        var cri = await DumpCriAsync();

        cri["sandbox_image"].Should().Be(SandboxImage);
        Table(cri, "cni")["conf_dir"].Should().Be(CniConfDir);
        Table(cri, "cni")["bin_dir"].Should().Be(CniBinDir);
        Table(cri, "registry", "mirrors", "docker.io")["endpoint"].Should().BeEquivalentTo(new[] { "https://mirror.example.internal" });
        Table(cri, "containerd")["default_runtime_name"].Should().Be("runhcs-wcow-process");
        var runtimes = Table(cri, "containerd", "runtimes");
        runtimes.Keys.Should().Contain(["runhcs-wcow-process", "runhcs-wcow-hypervisor", "runhcs-wcow-hypervisor-20348"]);
        foreach (var name in new[] { "runhcs-wcow-hypervisor", "runhcs-wcow-hypervisor-20348" })
        {
            var handler = Table(runtimes, name);
            handler["runtime_type"].Should().Be("io.containerd.runhcs.v1");
            handler["pod_annotations"].Should().BeEquivalentTo(new[] { "io.microsoft.virtualmachine.*", "io.microsoft.disable-unsafe-operations" });
            Table(handler, "options")["SandboxIsolation"].Should().Be(1L);
            Table(handler, "options")["ScaleCpuLimitsToSandbox"].Should().Be(true);
        }
    }

    [ContainerdFact]
    public async Task Dump_AgentDropIn_OurLoaderAgreesWithContainerd()
    {
        await File.WriteAllTextAsync(MainPath, NodeConfig);
        await ApplyAgentPlanAsync();

        var dumped = ContainerdConfigParser.Parse(await DumpTextAsync());
        var ours = await ContainerdConfigLoader.LoadAsync(MainPath, CancellationToken.None);

        ours.RuntimeHandlers.Keys.Should().BeEquivalentTo(dumped.RuntimeHandlers.Keys);
        HyperVHandlerVerifier.Verify(dumped, WindowsBuild.Ltsc2022).Should().BeEmpty();
    }

    [ContainerdFact]
    public async Task Dump_OldHandlerOnlyDropIn_LosesTheNodeSettings()
    {
        // The drop-in the agent wrote before: only our handlers, which containerd 1.x puts in place of the whole CRI table.
        await File.WriteAllTextAsync(MainPath, ContainerdImportsEditor.AddImport(NodeConfig, HyperVHandlerDropIn.FileName));
        await File.WriteAllTextAsync(DropInPath, HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 2, Builds = [WindowsBuild.Ltsc2022] }));

        var cri = await DumpCriAsync();
        var ours = await ContainerdConfigLoader.LoadAsync(MainPath, CancellationToken.None);

        cri["sandbox_image"].Should().NotBe(SandboxImage, "containerd's compiled-in default replaces the node's");
        Table(cri, "cni")["conf_dir"].Should().NotBe(CniConfDir);
        Table(cri, "containerd", "runtimes").Keys.Should().NotContain("runhcs-wcow-process");
        ours.RuntimeHandlers.Keys.Should().NotContain("runhcs-wcow-process", "our loader follows containerd 1.x's replace rule");
    }

    [ContainerdFact]
    public async Task Dump_MissingImport_ContainerdRefusesAndSoDoesOurLoader()
    {
        await File.WriteAllTextAsync(MainPath, ContainerdImportsEditor.AddImport(NodeConfig, HyperVHandlerDropIn.FileName));

        var (exitCode, _, errors) = await ContainerdBinary.DumpAsync(MainPath);
        var load = () => ContainerdConfigLoader.LoadAsync(MainPath, CancellationToken.None);

        exitCode.Should().NotBe(0);
        errors.Should().Contain(HyperVHandlerDropIn.FileName);
        await load.Should().ThrowAsync<ContainerdConfigException>();
    }

    [ContainerdFact]
    public async Task Dump_NestedImport_FollowedByContainerdAndOurLoader()
    {
        Directory.CreateDirectory(Path.Combine(directory, "conf.d"));
        await File.WriteAllTextAsync(Path.Combine(directory, "conf.d", "one.toml"), "version = 2\nimports = ['two.toml']\n");
        await File.WriteAllTextAsync(
            Path.Combine(directory, "conf.d", "two.toml"),
            "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.nested]\nruntime_type = 'io.containerd.runhcs.v1'\n");
        await File.WriteAllTextAsync(MainPath, ContainerdImportsEditor.AddImport(NodeConfig, "conf.d/one.toml"));

        var dumped = ContainerdConfigParser.Parse(await DumpTextAsync());
        var ours = await ContainerdConfigLoader.LoadAsync(MainPath, CancellationToken.None);

        dumped.RuntimeHandlers.Keys.Should().Equal("nested");
        ours.RuntimeHandlers.Keys.Should().Equal("nested");
    }

    [ContainerdFact]
    public async Task Plan_SecondPassOnConfiguredNode_ChangesNothing()
    {
        await File.WriteAllTextAsync(MainPath, NodeConfig);
        await ApplyAgentPlanAsync();

        var again = await PlanAsync();

        again.Changed.Should().BeFalse("a re-run must not rewrite the files or restart containerd");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // What the node agent's reconciler does: plan from the files as they are, write what changed.
    private async Task ApplyAgentPlanAsync()
    {
        var plan = await PlanAsync();
        await File.WriteAllTextAsync(DropInPath, plan.DropInText);
        await File.WriteAllTextAsync(MainPath, plan.ConfigText);
    }

    private async Task<ContainerdConfigurationPlan> PlanAsync()
    {
        var withoutDropIn = await ContainerdConfigLoader.LoadMergedAsync(MainPath, DropInPath, CancellationToken.None);
        return ContainerdConfigurationPlan.For(
            ContainerdConfigVersions.Containerd17,
            WindowsBuild.Ltsc2022,
            await File.ReadAllTextAsync(MainPath),
            File.Exists(DropInPath) ? await File.ReadAllTextAsync(DropInPath) : null,
            withoutDropIn.PluginTable(CriPlugin));
    }

    private async Task<string> DumpTextAsync()
    {
        var (exitCode, dump, errors) = await ContainerdBinary.DumpAsync(MainPath);
        exitCode.Should().Be(0, "containerd must accept the files: {0}", errors);
        return dump;
    }

    private async Task<TomlTable> DumpCriAsync() =>
        ContainerdConfigParser.ParseTables(await DumpTextAsync()).PluginTable(CriPlugin)
            ?? throw new InvalidOperationException("The dump has no CRI plugin table.");

    private static TomlTable Table(TomlTable table, params string[] path) =>
        path.Aggregate(table, (current, key) => current[key] as TomlTable ?? throw new InvalidOperationException($"'{key}' is not a table."));
}
