using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using static HyperVIsolation.Operator.Tests.Placement.WorkloadSpecs;

namespace HyperVIsolation.Operator.Tests.Placement;

public sealed class OsSelectorAutoTests
{
    private const int Ws23H2 = 25398;

    [Theory]
    [InlineData(IsolationMode.HyperV, new[] { Ws2019 }, WindowsVersion.Ltsc2019, new[] { Ws2019 })]
    [InlineData(IsolationMode.HyperV, new[] { Ws2019, Ws2022 }, WindowsVersion.Ltsc2022, new[] { Ws2022 })]
    [InlineData(IsolationMode.HyperV, new[] { Ws2019, Ws2019, Ws2022, Ws2025 }, WindowsVersion.Ltsc2025, new[] { Ws2025 })]
    [InlineData(IsolationMode.HyperV, new[] { Ws2019, Ws23H2 }, WindowsVersion.Ltsc2022, new[] { Ws23H2 })]
    [InlineData(IsolationMode.Process, new[] { Ws2022 }, WindowsVersion.Ltsc2022, new[] { Ws2022 })]
    [InlineData(IsolationMode.Process, new[] { Ws2019, Ws2022 }, WindowsVersion.Ltsc2022, new[] { Ws2022 })]
    [InlineData(IsolationMode.Process, new[] { Ws2022, Ws2025 }, WindowsVersion.Ltsc2025, new[] { Ws2025 })]
    [InlineData(IsolationMode.Process, new[] { Ws2019, Ws23H2 }, WindowsVersion.Ltsc2019, new[] { Ws2019 })]
    public void Select_AutoVersionOnMixedPool_PicksNewestRunnableRelease(
        IsolationMode isolation, int[] builds, WindowsVersion expected, int[] compatible)
    {
        var result = OsSelector.Select(Spec(isolation: isolation), ReadyNodes(builds));

        result.Decision!.Version.Should().Be(expected);
        result.Decision.CompatibleNodeBuilds.Should().Equal(compatible.Select(build => new WindowsBuild(build)));
    }

    [Fact]
    public void Select_AutoVersionNoLtscRunnable_FailsListingEveryRelease()
    {
        var result = OsSelector.Select(Spec(isolation: IsolationMode.Process), ReadyNodes(Ws23H2));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.NoCompatibleNodes,
            "No Hyper-V-ready node can run any of ltsc2019, ltsc2022 or ltsc2025 images: ready nodes run 10.0.25398 (1); process isolation needs a host of the same build (Windows Server 2025 hosts also run ltsc2022)."));
    }

    [Fact]
    public void Select_AutoServerFlavorOnOnly2019Nodes_FailsWithoutLtsc2019()
    {
        var result = OsSelector.Select(Spec(flavor: OsFlavor.Server), ReadyNodes(Ws2019));

        result.Failure!.Message.Should().Be(
            "No Hyper-V-ready node can run any of ltsc2022 or ltsc2025 images: ready nodes run 10.0.17763 (1); Hyper-V isolation needs a host of the same or a newer build.");
    }

    [Fact]
    public void Select_NotReadyLinuxAndUnknownBuildNodes_AreIgnored()
    {
        NodeBuildInfo[] nodes =
        [
            Node("new-but-not-ready", Ws2025, ready: false),
            Node("linux", Ws2025, windows: false),
            new NodeBuildInfo("no-build-label", true, null, true),
            Node("ready", Ws2022),
        ];

        var result = OsSelector.Select(Spec(), nodes);

        result.Decision!.Version.Should().Be(WindowsVersion.Ltsc2022);
        result.Decision.CompatibleNodeBuilds.Should().Equal(WindowsBuild.Ltsc2022);
    }

    [Fact]
    public void Select_NoReadyNodes_FailsSayingHowNodesBecomeReady()
    {
        var result = OsSelector.Select(Spec(), [Node("a", Ws2022, ready: false)]);

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.NoCompatibleNodes,
            "No Hyper-V-ready Windows node is available; the node agent labels a node isolation.hyperv.dev/ready=true once its containerd is configured."));
    }

    [Fact]
    public void Select_NodeOrderShuffled_SameDecision()
    {
        var first = OsSelector.Select(Spec(), ReadyNodes(Ws2019, Ws2025, Ws2022));
        var second = OsSelector.Select(Spec(), ReadyNodes(Ws2022, Ws2019, Ws2025));

        first.Decision.Should().BeEquivalentTo(second.Decision, options => options.WithStrictOrdering());
    }

    [Fact]
    public void Select_NoOsSection_DefaultsToNanoServerAutoVersion()
    {
        var spec = Spec();
        spec.Os = null;

        var decision = OsSelector.Select(spec, ReadyNodes(Ws2022)).Decision!;

        decision.Flavor.Should().Be(OsFlavor.NanoServer);
        decision.Version.Should().Be(WindowsVersion.Ltsc2022);
        decision.VersionTag.Should().Be("ltsc2022");
        decision.BaseImage.Should().Be("mcr.microsoft.com/windows/nanoserver:ltsc2022");
    }
}
