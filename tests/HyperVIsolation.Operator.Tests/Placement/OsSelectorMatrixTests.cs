using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using static HyperVIsolation.Operator.Tests.Placement.WorkloadSpecs;

namespace HyperVIsolation.Operator.Tests.Placement;

public sealed class OsSelectorMatrixTests
{
    // Every row of the compatibility matrix in shared/domain-notes.md: 3 host builds x 3 image
    // releases x 2 isolation modes, each on a pool of that single host build.
    [Theory]
    [InlineData(Ws2025, WindowsVersion.Ltsc2025, IsolationMode.Process, true)]
    [InlineData(Ws2025, WindowsVersion.Ltsc2022, IsolationMode.Process, true)]
    [InlineData(Ws2025, WindowsVersion.Ltsc2019, IsolationMode.Process, false)]
    [InlineData(Ws2025, WindowsVersion.Ltsc2025, IsolationMode.HyperV, true)]
    [InlineData(Ws2025, WindowsVersion.Ltsc2022, IsolationMode.HyperV, true)]
    [InlineData(Ws2025, WindowsVersion.Ltsc2019, IsolationMode.HyperV, true)]
    [InlineData(Ws2022, WindowsVersion.Ltsc2025, IsolationMode.Process, false)]
    [InlineData(Ws2022, WindowsVersion.Ltsc2022, IsolationMode.Process, true)]
    [InlineData(Ws2022, WindowsVersion.Ltsc2019, IsolationMode.Process, false)]
    [InlineData(Ws2022, WindowsVersion.Ltsc2025, IsolationMode.HyperV, false)]
    [InlineData(Ws2022, WindowsVersion.Ltsc2022, IsolationMode.HyperV, true)]
    [InlineData(Ws2022, WindowsVersion.Ltsc2019, IsolationMode.HyperV, true)]
    [InlineData(Ws2019, WindowsVersion.Ltsc2025, IsolationMode.Process, false)]
    [InlineData(Ws2019, WindowsVersion.Ltsc2022, IsolationMode.Process, false)]
    [InlineData(Ws2019, WindowsVersion.Ltsc2019, IsolationMode.Process, true)]
    [InlineData(Ws2019, WindowsVersion.Ltsc2025, IsolationMode.HyperV, false)]
    [InlineData(Ws2019, WindowsVersion.Ltsc2022, IsolationMode.HyperV, false)]
    [InlineData(Ws2019, WindowsVersion.Ltsc2019, IsolationMode.HyperV, true)]
    public void Select_ExplicitVersionOnSingleBuildPool_FollowsCompatibilityMatrix(
        int host, WindowsVersion version, IsolationMode isolation, bool runs)
    {
        var result = OsSelector.Select(Spec(version: version, isolation: isolation), ReadyNodes(host));

        result.IsSuccess.Should().Be(runs);
        if (runs)
        {
            result.Decision!.Version.Should().Be(version);
            result.Decision.ImageBuild.Should().Be(WindowsBuild.Of(version));
            result.Decision.CompatibleNodeBuilds.Should().Equal(new WindowsBuild(host));
            result.Decision.Isolation.Should().Be(isolation);
            return;
        }

        result.Failure!.Reason.Should().Be(OsSelectionFailureReason.NoCompatibleNodes);
        result.Failure.Message.Should().StartWith($"No Hyper-V-ready node can run {WindowsReleaseTags.Tag(version)} images: ready nodes run 10.0.{host} (1); ");
    }

    [Fact]
    public void Select_NewerThanEveryNode_MessageListsBuildsWithCounts()
    {
        var result = OsSelector.Select(Spec(version: WindowsVersion.Ltsc2025), ReadyNodes(Ws2019, Ws2022, Ws2019));

        result.Failure.Should().Be(new OsSelectionFailure(
            OsSelectionFailureReason.NoCompatibleNodes,
            "No Hyper-V-ready node can run ltsc2025 images: ready nodes run 10.0.17763 (2) and 10.0.20348 (1); Hyper-V isolation needs a host of the same or a newer build."));
    }

    [Fact]
    public void Select_ProcessIsolationNoSameBuild_MessageStatesProcessRule()
    {
        var result = OsSelector.Select(Spec(version: WindowsVersion.Ltsc2019, isolation: IsolationMode.Process), ReadyNodes(Ws2022, Ws2025));

        result.Failure!.Message.Should().Be(
            "No Hyper-V-ready node can run ltsc2019 images: ready nodes run 10.0.20348 (1) and 10.0.26100 (1); process isolation needs a host of the same build (Windows Server 2025 hosts also run ltsc2022).");
    }

    [Theory]
    [InlineData(IsolationMode.HyperV, WindowsVersion.Ltsc2019, new[] { Ws2019, Ws2022, Ws2025 })]
    [InlineData(IsolationMode.HyperV, WindowsVersion.Ltsc2022, new[] { Ws2022, Ws2025 })]
    [InlineData(IsolationMode.HyperV, WindowsVersion.Ltsc2025, new[] { Ws2025 })]
    [InlineData(IsolationMode.Process, WindowsVersion.Ltsc2019, new[] { Ws2019 })]
    [InlineData(IsolationMode.Process, WindowsVersion.Ltsc2022, new[] { Ws2022, Ws2025 })]
    [InlineData(IsolationMode.Process, WindowsVersion.Ltsc2025, new[] { Ws2025 })]
    public void Select_MixedPool_CompatibleBuildsAreDistinctAndOrdered(IsolationMode isolation, WindowsVersion version, int[] expected)
    {
        var nodes = ReadyNodes(Ws2025, Ws2019, Ws2022, Ws2025, Ws2019);

        var result = OsSelector.Select(Spec(version: version, isolation: isolation), nodes);

        result.Decision!.CompatibleNodeBuilds.Should().Equal(expected.Select(build => new WindowsBuild(build)));
    }
}
