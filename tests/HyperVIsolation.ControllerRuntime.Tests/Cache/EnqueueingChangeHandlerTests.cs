using FluentAssertions;
using HyperVIsolation.ControllerRuntime.Cache;
using HyperVIsolation.ControllerRuntime.Queue;
using static HyperVIsolation.ControllerRuntime.Tests.Cache.Pods;

namespace HyperVIsolation.ControllerRuntime.Tests.Cache;

public sealed class EnqueueingChangeHandlerTests : IDisposable
{
    private readonly WorkQueue queue = new();

    public void Dispose() => queue.Dispose();

    [Fact]
    public void OnUpdated_UpdateThatDoesNotMatter_NothingQueued()
    {
        var handler = new EnqueueingChangeHandler<k8s.Models.V1Pod>(queue, ObjectKeyMappings.Self, (_, _) => false);

        handler.OnUpdated(Pod("a", "1"), Pod("a", "2"));

        queue.Count.Should().Be(0);
    }

    [Fact]
    public void OnUpdated_UpdateThatMatters_Queued()
    {
        var handler = new EnqueueingChangeHandler<k8s.Models.V1Pod>(queue, ObjectKeyMappings.Self, (before, after) => before.Metadata.ResourceVersion != after.Metadata.ResourceVersion);

        handler.OnUpdated(Pod("a", "1"), Pod("a", "2"));

        queue.Count.Should().Be(1);
    }

    [Fact]
    public void OnAddedAndOnDeleted_FilterNeverApplies()
    {
        var handler = new EnqueueingChangeHandler<k8s.Models.V1Pod>(queue, ObjectKeyMappings.Self, (_, _) => false);

        handler.OnAdded(Pod("a", "1"));
        handler.OnDeleted(Pod("b", "1"));

        queue.Count.Should().Be(2);
    }
}
