using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Health;
using Microsoft.Extensions.Time.Testing;

namespace HyperVIsolation.ControllerRuntime.Tests.Health;

public sealed class HealthChecksTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Liveness_RecentActivity_IsHealthy()
    {
        var informer = Status("pods", synced: true, lastActivityAgo: TimeSpan.FromMinutes(4));

        new LivenessCheck([informer], Threshold, _time).Check().IsHealthy.Should().BeTrue();
    }

    [Fact]
    public void Liveness_SilentLongerThanThreshold_IsUnhealthy()
    {
        var informer = Status("pods", synced: true, lastActivityAgo: TimeSpan.FromMinutes(11));

        var result = new LivenessCheck([informer], Threshold, _time).Check();

        result.IsHealthy.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Contain("pods").And.Contain("660 s");
    }

    [Fact]
    public void Liveness_NeverSyncedSinceLongAgo_IsUnhealthy()
    {
        var informer = Status("nodes", synced: false, lastActivityAgo: null, startedAgo: TimeSpan.FromMinutes(30));

        new LivenessCheck([informer], Threshold, _time).Check().Problems.Should().ContainSingle()
            .Which.Should().Contain("never synced");
    }

    [Fact]
    public void Liveness_NotStarted_IsIgnored()
    {
        var informer = Status("nodes", synced: false, lastActivityAgo: null);

        new LivenessCheck([informer], Threshold, _time).Check().IsHealthy.Should().BeTrue();
    }

    [Fact]
    public void Readiness_AllSynced_IsHealthy()
    {
        var check = new ReadinessCheck([Status("pods", synced: true), Status("nodes", synced: true)]);

        check.Check().IsHealthy.Should().BeTrue();
    }

    [Fact]
    public void Readiness_OneNotSynced_NamesIt()
    {
        var check = new ReadinessCheck([Status("pods", synced: true), Status("nodes", synced: false)]);

        check.Check().Problems.Should().Equal("informer nodes not synced");
    }

    private InformerStatus Status(string name, bool synced, TimeSpan? lastActivityAgo = null, TimeSpan? startedAgo = null)
    {
        var now = _time.GetUtcNow();
        return new InformerStatus(name, synced, now - startedAgo, now - lastActivityAgo);
    }

    private sealed record InformerStatus(string Name, bool HasSynced, DateTimeOffset? StartedAt, DateTimeOffset? LastActivityAt)
        : IInformerStatus;
}
