using FluentAssertions;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class StatusWritePacingTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Fact]
    public void DelayBeforeWrite_NewWorkloadFirstProgress_HeldBackForTheRestOfTheInterval()
    {
        var delay = StatusWritePacing.DelayBeforeWrite(null, Progress(1), 1, Since, Since.AddMilliseconds(500), Interval);

        delay.Should().Be(TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public void DelayBeforeWrite_NewWorkloadBecomesReady_WrittenAtOnce()
    {
        StatusWritePacing.DelayBeforeWrite(null, Ready(1), 1, Since, Since, Interval).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void DelayBeforeWrite_Stalled_WrittenAtOnce()
    {
        StatusWritePacing.DelayBeforeWrite(Progress(1), Stalled(1), 1, Since, Since, Interval).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void DelayBeforeWrite_ProgressAfterTheInterval_WrittenAtOnce()
    {
        StatusWritePacing.DelayBeforeWrite(Progress(1), Progress(1, ready: 1), 1, Since, Since + Interval, Interval).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void DelayBeforeWrite_ReadyWorkloadLosesAPod_WrittenAtOnce()
    {
        // kstatus must see Current turn into InProgress without delay.
        StatusWritePacing.DelayBeforeWrite(Ready(1), Progress(1), 1, Since, Since, Interval).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void DelayBeforeWrite_StalledWorkloadRecovering_WrittenAtOnce()
    {
        StatusWritePacing.DelayBeforeWrite(Stalled(1), Progress(1), 1, Since, Since, Interval).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void DelayBeforeWrite_NewGenerationOverReadyStatus_HeldBack()
    {
        // The stored observedGeneration is older, which kstatus already reads as InProgress.
        var delay = StatusWritePacing.DelayBeforeWrite(Ready(1), Progress(2), 2, Since, Since.AddSeconds(1), Interval);

        delay.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void DelayBeforeWrite_ProgressWithinTheInterval_HeldBack()
    {
        StatusWritePacing.DelayBeforeWrite(Progress(3), Progress(3, ready: 2), 3, Since, Since.AddMilliseconds(100), Interval)
            .Should().Be(TimeSpan.FromMilliseconds(1900));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void DelayBeforeWrite_PacingOff_WrittenAtOnce(int seconds)
    {
        StatusWritePacing.DelayBeforeWrite(null, Progress(1), 1, Since, Since, TimeSpan.FromSeconds(seconds)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void IsInProgress_ReconcilingTrue_True()
    {
        StatusWritePacing.IsInProgress(Progress(1)).Should().BeTrue();
        StatusWritePacing.IsInProgress(Ready(1)).Should().BeFalse();
        StatusWritePacing.IsInProgress(null).Should().BeFalse();
    }

    private static IsolatedWorkloadStatus Progress(long generation, int ready = 0) => new()
    {
        ObservedGeneration = generation,
        ReadyReplicas = ready,
        Conditions = [Condition(WorkloadConditions.Ready, "False"), Condition(WorkloadConditions.Reconciling, "True")],
    };

    private static IsolatedWorkloadStatus Ready(long generation) => new()
    {
        ObservedGeneration = generation,
        Conditions = [Condition(WorkloadConditions.Ready, "True")],
    };

    private static IsolatedWorkloadStatus Stalled(long generation) => new()
    {
        ObservedGeneration = generation,
        Conditions = [Condition(WorkloadConditions.Ready, "False"), Condition(WorkloadConditions.Stalled, "True")],
    };

    private static V1Condition Condition(string type, string status) => new()
    {
        Type = type,
        Status = status,
        Reason = "Test",
        Message = "test",
        LastTransitionTime = Since.UtcDateTime,
    };
}
