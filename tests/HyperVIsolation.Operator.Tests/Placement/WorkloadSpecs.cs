using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;

namespace HyperVIsolation.Operator.Tests.Placement;

/// <summary>Builders for specs and node pools used by the placement tests.</summary>
internal static class WorkloadSpecs
{
    public const int Ws2019 = 17763;
    public const int Ws2022 = 20348;
    public const int Ws2025 = 26100;

    public static IsolatedWorkloadSpec Spec(
        OsFlavor flavor = OsFlavor.Auto,
        WindowsVersion version = WindowsVersion.Auto,
        IsolationMode isolation = IsolationMode.HyperV,
        IReadOnlyList<OsCapability>? capabilities = null,
        params WorkloadContainer[] containers) => new()
        {
            Isolation = isolation,
            Os = new OsSelection { Flavor = flavor, Version = version, Capabilities = capabilities?.ToList() },
            Template = new WorkloadTemplate { Containers = containers.Length > 0 ? [.. containers] : [Container("app")] },
        };

    public static WorkloadContainer Container(string name, string? image = null) => new() { Name = name, Image = image };

    public static WorkloadContainer PerRelease(string name, params string[] releases) => new()
    {
        Name = name,
        Images = releases.ToDictionary(release => release, release => $"contoso.azurecr.io/{name}:1.0-{release}"),
    };

    /// <summary>Ready Windows nodes, one per build given (repeat a build for several nodes).</summary>
    public static IReadOnlyList<NodeBuildInfo> ReadyNodes(params int[] builds) =>
        builds.Select((build, index) => Node($"node-{index}", build)).ToList();

    public static NodeBuildInfo Node(string name, int build, bool ready = true, bool windows = true) =>
        new(name, windows, new WindowsBuild(build), ready);
}
