using HyperVIsolation.ControllerRuntime.Cache;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Tests.Cache;

public sealed class ChangeTrackerTests
{
    [Fact]
    public async Task OnUpdated_PodRecreatedUnderTheSameName_RecordsBothUidsAndWakesOnce()
    {
        using var signal = new ChangeSignal();
        var tracker = new ChangeTracker<V1Pod>(pod => pod.Metadata.Uid, signal);

        tracker.OnUpdated(Pod("web", "uid-1"), Pod("web", "uid-2"));
        tracker.OnAdded(Pod("db", "uid-3"));

        tracker.TakeChanges().Should().BeEquivalentTo("uid-1", "uid-2", "uid-3");
        (await signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None)).Should().BeTrue();
        (await signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None)).Should().BeFalse("changes collapse into one wake-up");
    }

    [Fact]
    public void TakeChanges_TakenOnce_EmptyUntilTheNextChange()
    {
        using var signal = new ChangeSignal();
        var tracker = new ChangeTracker<V1Pod>(pod => pod.Metadata.Uid, signal);
        tracker.OnDeleted(Pod("web", "uid-1"));

        tracker.TakeChanges().Should().Equal("uid-1");
        tracker.TakeChanges().Should().BeEmpty();
    }

    private static V1Pod Pod(string name, string uid) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", Uid = uid } };
}
