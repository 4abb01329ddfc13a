using FluentAssertions;
using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.Operator.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class EventRecorderTests
{
    private readonly RecordingClusterWriter cluster = new();
    private readonly FakeTimeProvider time = new(Epoch);

    [Fact]
    public async Task Normal_QueuedThenWritten_EventNamesTheWorkload()
    {
        var recorder = Recorder();
        var workload = Workload();

        recorder.Normal(workload, "SuccessfulCreate", "Created pod: web-abc");
        await DrainAsync(recorder);

        var written = cluster.CreatedEvents.Should().ContainSingle().Subject;
        written.InvolvedObject.Uid.Should().Be(workload.Metadata.Uid);
        written.Reason.Should().Be("SuccessfulCreate");
        written.Type.Should().Be("Normal");
        written.FirstTimestamp.Should().Be(Epoch.UtcDateTime);
    }

    [Fact]
    public async Task Warning_SameEventTwice_CountBumpedInsteadOfASecondEvent()
    {
        var recorder = Recorder();
        var workload = Workload();

        recorder.Warning(workload, "NoCompatibleNodes", "No node runs ltsc2025.");
        recorder.Warning(workload, "NoCompatibleNodes", "No node runs ltsc2025.");
        await DrainAsync(recorder);

        cluster.CreatedEvents.Should().ContainSingle();
        cluster.EventCountUpdates.Should().ContainSingle().Which.Count.Should().Be(2);
    }

    [Fact]
    public async Task Normal_MoreThanTheQueueHolds_ExtraEventsDroppedNotBlocking()
    {
        var recorder = Recorder();
        var workload = Workload();

        for (var i = 0; i < 1200; i++)
        {
            recorder.Normal(workload, "SuccessfulCreate", $"Created pod: web-{i}");
        }

        await DrainAsync(recorder);

        cluster.CreatedEvents.Should().HaveCount(1000, "client-go's recorder also drops beyond its queue of 1000");
        cluster.CreatedEvents.Last().Message.Should().Be("Created pod: web-999");
    }

    [Fact]
    public async Task Normal_AfterComplete_Dropped()
    {
        var recorder = Recorder();
        recorder.Complete();

        recorder.Normal(Workload(), "SuccessfulCreate", "Created pod: web-late");
        await DrainAsync(recorder);

        cluster.CreatedEvents.Should().BeEmpty();
    }

    private EventRecorder Recorder() => new(cluster, "hyperv-isolation", null, time, NullLogger<EventRecorder>.Instance);

    private static async Task DrainAsync(EventRecorder recorder)
    {
        recorder.Complete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await recorder.WriteQueuedAsync(timeout.Token);
    }
}
